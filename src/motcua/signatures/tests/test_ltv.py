"""PAdES B-LT: with the test CA's revocation list published, each signature carries the chain and the CRL;
pdfsig still calls it valid and the verification says the long-term data is there."""

from __future__ import annotations

from motcua.organisations.tests.factories import AgencyFactory
from motcua.signatures import ltv
from motcua.signatures.tests.pdfsig import assert_pdfsig_valid, needs_pdfsig
from motcua.signatures.tests.test_signing import sign
from motcua.signatures.verify import verify_pdf


@needs_pdfsig
def test_a_signature_embeds_the_crl_and_stays_valid(give_key, db):
    agency = AgencyFactory(name="UBND xã Thanh Ba")
    give_key(agency=agency)

    content = sign(agency).content

    assert ltv.embedded_revocation(content)
    assert_pdfsig_valid(content, signatures=1)
    checked = verify_pdf(content)
    assert checked.long_term
    assert checked.signatures[0].intact and not checked.signatures[0].changed_after


def test_without_revocation_data_or_with_the_setting_off_it_stays_b_t(give_key, settings, db):
    agency = AgencyFactory()
    give_key(agency=agency)
    settings.SIGNATURE_LONG_TERM = False
    content = sign(agency).content
    assert not ltv.embedded_revocation(content)
    assert not verify_pdf(content).long_term
    assert ltv.validation_context() is None


def test_an_unreadable_crl_is_skipped(signing, settings, tmp_path):
    broken = tmp_path / "broken.crl"
    broken.write_bytes(b"not a crl")
    settings.SIGNATURE_CRLS = [str(broken)]
    assert len(ltv.revocation_lists()) == 1  # the test CA's, the broken one left out
