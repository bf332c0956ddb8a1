"""Public pages of the demo site (filled in by the foundation issue)."""


def load(stdout):
    stdout.write("public pages: nothing yet")
