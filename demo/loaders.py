"""The demo loaders, in dependency order. Each takes a writer for progress lines."""

from demo import public

ALL = [
    public.load,
]
