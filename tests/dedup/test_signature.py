"""Signatures (sahelwatch.dedup.shingles and .signature): deterministic, blind to what copies change."""

from __future__ import annotations

import subprocess
import sys

import numpy as np

from sahelwatch.dedup.shingles import hash_words, shingle_hashes, words
from sahelwatch.dedup.signature import Signature, SignatureParams, sign
from sahelwatch.text import word_key

TEXT = (
    "Le camp militaire de Dioura, dans le cercle de Ténenkou, a été la cible d'une attaque dimanche. "
    "Au moins douze soldats ont été tués, selon des sources sécuritaires."
)


def test_same_text_same_signature_across_processes() -> None:
    """Stored signatures must match ones computed in another process (no hash randomisation, fixed seed)."""
    code = (
        f"import sys; from sahelwatch.dedup.signature import sign; sys.stdout.write(sign({TEXT!r}).to_bytes()[0].hex())"
    )
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert other == sign(TEXT).to_bytes()[0].hex()


def test_case_accents_punctuation_and_spacing_do_not_matter() -> None:
    variant = (
        "LE CAMP MILITAIRE DE DIOURA , dans le cercle de Tenenkou, a ete la cible d’une attaque "
        "dimanche !\nAu moins douze soldats ont ete tues , selon des « sources securitaires »."
    )
    assert np.array_equal(sign(variant).body, sign(TEXT).body)


def test_word_order_matters() -> None:
    shuffled = " ".join(reversed(TEXT.split()))
    assert not np.array_equal(sign(shuffled).body, sign(TEXT).body)


def test_folding() -> None:
    assert word_key("L’Armée,") == "larmee" and word_key("«") == "" and word_key("Œuvre") == "oeuvre"


def test_punctuation_tokens_are_not_words() -> None:
    assert len(hash_words(words("des « pertes » – lourdes"))) == 3


def test_shingles_of_short_and_empty_texts() -> None:
    assert len(shingle_hashes(hash_words(["bamako"]), 3)) == 1
    assert len(shingle_hashes(hash_words([]), 3)) == 0
    assert len(shingle_hashes(hash_words("a b c a b c".split()), 3)) == 3


def test_bytes_round_trip() -> None:
    signature = sign(TEXT)
    again = Signature.from_bytes(*signature.to_bytes(), signature.shingles)
    assert np.array_equal(again.body, signature.body) and np.array_equal(again.lead, signature.lead)
    assert again.shingles == signature.shingles
    assert len(signature.to_bytes()[0]) == 4 * SignatureParams().body_perm


def test_params_name_changes_with_every_parameter() -> None:
    names = {
        SignatureParams().name,
        SignatureParams(shingle_words=4).name,
        SignatureParams(seed=2).name,
        SignatureParams(body_perm=256).name,
        SignatureParams(lead_words=60).name,
    }
    assert len(names) == 5


def test_values_equal_datasketch_minhash() -> None:
    """The batched minima are datasketch's MinHash.update_batch, value for value, for every fixture text."""
    from datasketch import MinHash

    from sahelwatch.dedup.signature import sign_many

    from .pairs import load

    documents, _ = load()
    texts = [document.text for document in documents.values()] + ["", "un deux"]
    params = SignatureParams()
    for text, signature in zip(texts, sign_many(texts, params), strict=True):
        hashed = hash_words(words(text))
        for values, size, got in (
            (shingle_hashes(hashed, params.shingle_words), params.body_perm, signature.body),
            (shingle_hashes(hashed[: params.lead_words], params.shingle_words), params.lead_perm, signature.lead),
        ):
            reference = MinHash(num_perm=size, seed=params.seed, hashfunc=int, scheme="affine32")
            reference.update_batch(values.tolist())
            assert np.array_equal(reference.hashvalues, got)


def test_one_at_a_time_equals_in_bulk() -> None:
    from sahelwatch.dedup.signature import sign_many

    texts = [TEXT, TEXT.upper(), "Court.", ""] * 3
    for single, bulk in zip([sign(t) for t in texts], sign_many(texts), strict=True):
        assert np.array_equal(single.body, bulk.body) and np.array_equal(single.lead, bulk.lead)
        assert single.shingles == bulk.shingles
