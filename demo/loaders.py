"""The demo loaders, in dependency order. Each takes a writer for progress lines."""

from demo import dossier, public, signing, staff

ALL = [
    public.load,
    dossier.load,
    staff.load,
    signing.load,
    public.serve_on_base_url,
]
