import pytest

from sahelwatch.crawl.address import AddressGuard, ForbiddenAddress


def resolver(answers: dict[str, list[str]]):
    return lambda host: answers[host]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "file:///etc/passwd",
        "ftp://example.org/",
    ],
)
def test_refuses_non_public_addresses(url: str) -> None:
    guard = AddressGuard(resolver={"localhost": ["127.0.0.1"]}.__getitem__)
    with pytest.raises(ForbiddenAddress):
        guard.check(url)


def test_refuses_public_name_resolving_to_private_address() -> None:
    guard = AddressGuard(resolver=resolver({"news.example": ["93.184.216.34", "10.0.0.5"]}))
    with pytest.raises(ForbiddenAddress, match="10.0.0.5"):
        guard.check("https://news.example/feed")


def test_allows_public_addresses_and_allowlisted_loopback() -> None:
    AddressGuard(resolver=resolver({"news.example": ["93.184.216.34"]})).check("https://news.example/feed")
    AddressGuard(["127.0.0.1"]).check("http://127.0.0.1:8080/feed")


def test_unresolvable_host_is_refused_with_reason() -> None:
    def fail(host: str) -> list[str]:
        raise OSError("Name or service not known")

    with pytest.raises(ForbiddenAddress, match="cannot resolve"):
        AddressGuard(resolver=fail).check("https://nowhere.invalid/")
