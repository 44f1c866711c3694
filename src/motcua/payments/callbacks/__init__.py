"""The gateways' calls to this site (browser returns, server notifications) that go through
``payments.notices``. They sit outside ``gateways/`` because they use the services, which choose the
gateways: ``gateways/`` never imports the services."""
