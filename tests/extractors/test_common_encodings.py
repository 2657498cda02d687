"""JSON bodies in odd encodings parse; garbage still fails with a clear ParseError."""

from __future__ import annotations

import json

import pytest

from extractors._common import load_json
from extractors.errors import ParseError

DOC = {"jobs": [{"id": 1, "title": "Ingénieur ML — Zürich"}]}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32"])
def test_unicode_encodings_are_detected(encoding: str) -> None:
    body = json.dumps(DOC, ensure_ascii=False).encode(encoding)
    assert load_json(body, source="greenhouse", board="acme", raw_sha256="") == DOC


def test_stray_latin1_bytes_cost_only_the_character() -> None:
    body = b'{"jobs": [{"id": 1, "title": "Ing\xe9nieur ML"}]}'
    assert (
        load_json(body, source="lever", board="acme", raw_sha256="")["jobs"][0]["title"]
        == "Ing\ufffdnieur ML"
    )


@pytest.mark.parametrize("body", [b"", b"<html>502 Bad Gateway</html>", b'{"jobs": [', b"\xff\xfe\x00"])
def test_not_json_is_a_parse_error_naming_the_board(body: bytes) -> None:
    with pytest.raises(ParseError) as err:
        load_json(body, source="ashby", board="zed", raw_sha256="abc")
    assert "ashby" in str(err.value) and "zed" in str(err.value)
