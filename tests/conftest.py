import pytest

from tests.personas import Personas


@pytest.fixture
def personas(db):
    return Personas()
