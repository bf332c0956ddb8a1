"""The demo loaders, in dependency order. Each takes a writer for progress lines."""

from demo import digid, dossier, public, signing, staff

ALL = [
    public.load,
    dossier.load,
    staff.load,
    signing.load,
    digid.load,
]
