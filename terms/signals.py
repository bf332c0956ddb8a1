from django.db.models.signals import post_save


def govern_new_terms_page(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .governance import attach_terms_governance

        attach_terms_governance(instance)


def connect():
    from .models import TermsPage

    post_save.connect(govern_new_terms_page, sender=TermsPage, dispatch_uid="terms_govern_new_terms_page")
