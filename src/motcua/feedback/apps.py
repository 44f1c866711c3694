from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "motcua.feedback"
    label = "feedback"
    verbose_name = "Phản ánh, kiến nghị"

    def ready(self) -> None:
        # The operations centre shows feedback figures once a provider fills its slot.
        from motcua.feedback.operations_slot import FeedbackCounts
        from motcua.operations import feedback as slot

        slot.register(FeedbackCounts())
