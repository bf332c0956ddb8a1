"""Attach the screenshots that `scripts/screenshots` makes of the demo site to the manual and the FAQ.

The images live in docs/screenshots/manual/<name>.png, so they are regenerated
after a redesign and stay true to the portal. Idempotent: an image is looked up
by its title and only replaced when the file on disk has changed; a step or
question that already has an image (an editor's choice) is left alone.
"""

import hashlib
from pathlib import Path

from django.conf import settings
from django.core.files.images import ImageFile
from django.db import transaction
from wagtail.images import get_image_model

from demo import public_content as content
from home.models import FAQPage, ManualPage

SCREENSHOTS_DIR = Path(settings.BASE_DIR) / "docs" / "screenshots" / "manual"
# The size the manual (web and PDF) and the FAQ show: made here, so no first reader waits for it.
RENDITION = "max-800x800"


def load(stdout):
    """Give the FAQ question(s) and manual steps named in public_content their screenshot."""
    with transaction.atomic():
        changed = False
        for faq in FAQPage.objects.filter(slug="veelgestelde-vragen"):
            changed |= _attach_to_faq(faq)
        for manual in ManualPage.objects.filter(slug="handleiding"):
            changed |= _attach_to_manual(manual)
    if changed:
        stdout.write("public pages: attached screenshots to the manual and the FAQ")


def _attach_to_faq(faq):
    changed = False
    for category in faq.body:
        for question in category.value["questions"]:
            wanted = content.FAQ_SCREENSHOTS.get(question["anchor"])
            changed |= _fill(question, wanted)
    if changed:
        faq.save_revision().publish()
    return changed


def _attach_to_manual(manual):
    changed = False
    for chapter in manual.chapters:
        for step in chapter.value["steps"]:
            changed |= _fill(step, content.MANUAL_SCREENSHOTS.get(step["title"]))
    if changed:
        manual.save_revision().publish()
    return changed


def _fill(block_value, wanted):
    if wanted is None or block_value.get("image") is not None:
        return False
    name, alt = wanted
    image = screenshot(name)
    if image is None:
        return False
    block_value["image"] = image
    block_value["image_alt"] = alt
    return True


def screenshot(name):
    """The Wagtail image for docs/screenshots/manual/<name>.png (created or refreshed), or None without a file."""
    path = SCREENSHOTS_DIR / f"{name}.png"
    if not path.exists():
        return None
    data = path.read_bytes()
    title = f"Schermafbeelding MijnDossier: {name}"
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    file_hash = hashlib.sha1(data).hexdigest()  # noqa: S324 -- the hash Wagtail keeps in Image.file_hash
    if image is not None and image.file_hash == file_hash:
        image.get_rendition(RENDITION)
        return image
    with path.open("rb") as handle:
        if image is None:
            image = image_model(title=title)
        else:
            image.renditions.all().delete()
            image.file.delete(save=False)
        image.file = ImageFile(handle, name=path.name)
        image.file_size, image.file_hash = len(data), file_hash
        image.save()
    image.get_rendition(RENDITION)
    return image
