"""`make soak` also runs the reliability fuzzers with many more examples (profile "reliability-soak").

The properties are the ones of tests/reliability/ (which run a modest number of examples in the normal suite).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.reliability.content_mutations import mutated_file
from tests.reliability.fuzz_profiles import SOAK
from tests.reliability.test_content_fuzz import check_mutation
from tests.reliability.test_content_fuzz import pack as pack  # noqa: F401 (the fixture)


@pytest.mark.slow
@SOAK
@given(st.data())
def test_many_mutations_of_real_content_give_only_located_problems(pack: tuple[Path, Path],  # noqa: F811
                                                                   data: st.DataObject) -> None:
    name, text, _kinds = mutated_file(data)
    check_mutation(pack, name, text)
