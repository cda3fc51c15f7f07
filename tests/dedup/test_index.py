"""The band tables propose exactly the candidates that datasketch's MinHashLSH proposes with the same banding, on a
generated day of reports with syndicated copies (whose pairs share many bands) and unrelated stories (few or none)."""

from __future__ import annotations

import random

import pytest
from datasketch import LeanMinHash, MinHashLSH

from sahelwatch.dedup.index import Banding, SignatureIndex
from sahelwatch.dedup.signature import SCHEME, SignatureParams, sign_many
from sahelwatch.tools.replica.day import draw_articles, make_outlets


@pytest.fixture(scope="module")
def signed() -> list[tuple[str, object]]:
    rng = random.Random(7)
    articles = draw_articles(make_outlets(12, rng), 600, rng)
    signatures = sign_many(["\n\n".join(a.paragraphs) for a in articles])
    return [(f"r{n:04d}", signature) for n, signature in enumerate(signatures)]


def _datasketch_candidates(signed, params: SignatureParams, banding: Banding) -> list[list[str]]:
    """candidates_then_add, the way the day is clustered, answered by datasketch's MinHashLSH."""
    body = MinHashLSH(num_perm=params.body_perm, params=banding.body)
    lead = MinHashLSH(num_perm=params.lead_perm, params=banding.lead)
    answers = []
    for key, signature in signed:
        sketches = (
            LeanMinHash(seed=params.seed, hashvalues=signature.body, scheme=SCHEME),
            LeanMinHash(seed=params.seed, hashvalues=signature.lead, scheme=SCHEME),
        )
        answers.append(sorted(set(body.query(sketches[0])) | set(lead.query(sketches[1]))))
        body.insert(key, sketches[0], check_duplication=False)
        lead.insert(key, sketches[1], check_duplication=False)
    return answers


def test_same_candidates_as_datasketch(signed) -> None:
    params, banding = SignatureParams(), Banding()
    index = SignatureIndex(params, banding)
    ours = [[key for key, _ in index.candidates_then_add(key, signature)] for key, signature in signed]
    theirs = _datasketch_candidates(signed, params, banding)
    pairs = sum(map(len, theirs))
    print(f"{len(signed)} reports, {pairs} candidate pairs, {sum(1 for a in theirs if a)} reports with candidates")
    assert pairs > len(signed) // 10, "the day should hold copies that share bands"
    assert ours == theirs


def test_add_then_candidates_finds_the_report_itself_and_its_copies(signed) -> None:
    index = SignatureIndex()
    for key, signature in signed:
        index.add(key, signature)
        index.add(key, signature)  # a second add of the same id changes nothing
    assert len(index) == len(signed)
    key, signature = signed[0]
    assert key in [found for found, _ in index.candidates(signature)]


def test_a_banding_longer_than_the_signature_is_refused() -> None:
    with pytest.raises(ValueError, match="banding"):
        SignatureIndex(SignatureParams(), Banding(body=(50, 3)))
