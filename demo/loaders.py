"""The demo loaders, in dependency order. Each takes a writer for progress lines."""

from demo import digid, dossier, public, screenshots, signing, staff

ALL = [
    public.load,
    screenshots.load,
    dossier.load,
    staff.load,
    signing.load,
    public.serve_on_base_url,
    digid.load,
]
