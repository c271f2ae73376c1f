"""Fault switches, poison, latency/profile and the state file of the sandbox store."""

from __future__ import annotations

import json
import stat
import threading
import time
from pathlib import Path

import httpx
import pytest
from test_sandbox_auth import error_of, signed

from wcconnector_gui.sandbox import RunningSandbox, start_sandbox


def test_lost_response_commits_then_closes(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("lost_response", count=1, methods=["POST"])
    with pytest.raises(httpx.RemoteProtocolError):
        signed(sandbox, "POST", "/customers", json={"email": "lost@example.com"})
    assert sandbox.store.find_by_email("lost@example.com") is not None
    again = signed(sandbox, "POST", "/customers", json={"email": "lost@example.com"})
    assert error_of(again)[1] == "registration-error-email-exists"
    assert ("POST", "/wp-json/wc/v3/customers", "", 0) in [
        (m, p, "", s) for m, p, _, s in sandbox.store.request_log
    ]


def test_error_500_answers_before_processing(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("error_500", count=1)
    response = signed(sandbox, "POST", "/customers", json={"email": "e@example.com"})
    assert error_of(response)[:2] == (500, "internal_server_error")
    assert sandbox.store.count() == 0


@pytest.mark.parametrize(("name", "status"), [("error_502", 502), ("error_503", 503)])
def test_gateway_errors_are_html(sandbox: RunningSandbox, name: str, status: int) -> None:
    sandbox.store.set_fault(name, count=1)
    response = signed(sandbox, "GET", "/customers")
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert signed(sandbox, "GET", "/customers").status_code == 200  # count=1: only once


def test_rate_limit_has_retry_after(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("rate_limit", count=1, retry_after=7)
    response = signed(sandbox, "GET", "/customers")
    assert response.status_code == 429 and response.headers["retry-after"] == "7"
    assert response.json()["data"]["status"] == 429


def test_html_page_instead_of_json(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("html", count=1)
    response = signed(sandbox, "GET", "/customers")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text


def test_malformed_json_is_cut(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("malformed_json", count=1)
    response = signed(sandbox, "POST", "/customers", json={"email": "m@example.com"})
    assert response.status_code == 201
    with pytest.raises(json.JSONDecodeError):
        response.json()
    assert sandbox.store.count() == 1  # it was processed


def test_slow_drip_sends_the_whole_body_slowly(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("slow_drip", count=1, seconds=0.3)
    started = time.monotonic()
    response = signed(sandbox, "GET", "/customers")
    assert time.monotonic() - started >= 0.3
    assert response.json() == []


def test_timeout_holds_the_request(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("timeout", count=1, seconds=2)
    with pytest.raises(httpx.ReadTimeout):
        url = sandbox.url + "/wp-json/wc/v3/customers"
        httpx.get(url, timeout=httpx.Timeout(5, read=0.2))
    assert signed(sandbox, "GET", "/customers").status_code == 200


def test_rate_is_a_seeded_probability_and_filters_apply(sandbox: RunningSandbox) -> None:
    sandbox.store.set_fault("error_503", 0.5, path_contains="/customers", methods=["GET"])
    with httpx.Client() as client:
        url = sandbox.url + "/wp-json/wc/v3/customers"
        statuses = [client.get(url).status_code for _ in range(30)]
    assert 503 in statuses and 401 in statuses
    assert httpx.get(sandbox.url + "/wp-json/").status_code == 200  # path filter
    sandbox.store.clear_faults()
    assert httpx.get(sandbox.url + "/wp-json/wc/v3/customers").status_code == 401


def test_unknown_fault_name_is_refused(sandbox: RunningSandbox) -> None:
    with pytest.raises(ValueError, match="unknown fault"):
        sandbox.store.set_fault("gremlins")
    with pytest.raises(ValueError, match="poison"):
        sandbox.store.set_fault("poison")


def test_poison_breaks_pages_holding_the_customer() -> None:
    with start_sandbox(seed=30) as sandbox:
        sandbox.store.poison(15)
        page1 = signed(sandbox, "GET", "/customers", params={"orderby": "id"})
        page2 = signed(sandbox, "GET", "/customers", params={"orderby": "id", "page": "2"})
        assert page1.status_code == 200
        assert error_of(page2)[:2] == (500, "internal_server_error")
        small = signed(sandbox, "GET", "/customers", params={"orderby": "id", "exclude": "15"})
        assert small.status_code == 200


def test_faults_argument_of_start_sandbox() -> None:
    with start_sandbox(faults={"error_503": 1.0, "poison": 2}) as sandbox:
        assert httpx.get(sandbox.url + "/wp-json/").status_code == 503
        assert 2 in sandbox.store.poisoned


def test_latency_and_real_profile_add_time() -> None:
    with start_sandbox(latency_ms=60) as sandbox:
        started = time.monotonic()
        httpx.get(sandbox.url + "/wp-json/")
        assert time.monotonic() - started >= 0.06
    with start_sandbox(profile="real") as sandbox:
        assert sandbox._slots is not None  # two PHP-FPM-like workers by default
        started = time.monotonic()
        signed(sandbox, "POST", "/customers", json={"email": "slow@example.com"})
        assert time.monotonic() - started >= 0.153


def test_request_log_counts(sandbox: RunningSandbox) -> None:
    signed(sandbox, "GET", "/customers")
    signed(sandbox, "POST", "/customers", json={"email": "c@example.com"})
    assert sandbox.store.request_count() == 2
    assert sandbox.store.request_count("post", "/customers") == 1
    sandbox.store.reset_request_log()
    assert sandbox.store.request_count() == 0


def test_state_file_round_trip(tmp_path: Path) -> None:
    state = tmp_path / "shop.json"
    first = start_sandbox(seed=3, state_file=state)
    created = signed(first, "POST", "/customers", json={"email": "kept@example.com"}).json()
    keys = (first.consumer_key, first.consumer_secret)
    first.stop()
    assert stat.S_IMODE(state.stat().st_mode) == 0o600
    with start_sandbox(seed=0, state_file=state) as second:
        assert (second.consumer_key, second.consumer_secret) == keys
        assert second.store.count() == 4
        got = signed(second, "GET", f"/customers/{created['id']}").json()
        assert {k: v for k, v in got.items() if k != "_links"} == {
            k: v for k, v in created.items() if k != "_links"
        }
        assert second.store.get_customer(1)["role"] == "administrator"  # type: ignore[index]
        new = signed(second, "POST", "/customers", json={"email": "n@example.com"}).json()
        assert new["id"] == created["id"] + 1


def test_many_customers_stay_fast_enough_to_list() -> None:
    """10,000 customers through batches, then a full id-ordered scan (no quadratic work)."""
    with start_sandbox(batch_limit=5000) as sandbox:
        for start in range(0, 10_000, 5000):
            creates = [{"email": f"u{n}@example.com"} for n in range(start, start + 5000)]
            signed(sandbox, "POST", "/customers/batch", json={"create": creates})
        assert sandbox.store.count() == 10_000
        last = signed(
            sandbox, "GET", "/customers", params={"orderby": "id", "per_page": "100", "page": "100"}
        )
        assert last.headers["x-wp-totalpages"] == "100" and len(last.json()) == 100


def _dice(sandbox: RunningSandbox, draws: int = 40) -> list[bool]:
    """Which of ``draws`` requests a 10 % fault hits (the RNG alone, no HTTP)."""
    sandbox.store.set_fault("error_503", 0.1)
    return [sandbox.store.faults.pick("GET", "/customers") is not None for _ in range(draws)]


def test_fault_dice_have_their_own_seed() -> None:
    """``seed`` is the number of customers; it used to seed the dice too (0 → no fault early)."""
    patterns = []
    for customers in (0, 5):
        with start_sandbox(seed=customers, fault_seed=1234) as sandbox:
            assert sandbox.fault_seed == 1234
            patterns.append(_dice(sandbox))
    assert patterns[0] == patterns[1]
    with start_sandbox(seed=0, fault_seed=1) as other:
        assert _dice(other) != patterns[0]


def test_fault_seed_is_random_unless_given() -> None:
    with start_sandbox(seed=0) as first, start_sandbox(seed=0) as second:
        assert first.fault_seed != second.fault_seed


def test_a_full_queue_is_answered_503_before_any_work() -> None:
    """``max_queue``: one request worked on, one waiting, the rest refused at once."""
    with start_sandbox(seed=100, profile="real", workers=1, max_queue=1) as running:
        gate = threading.Barrier(4)
        statuses: list[int] = []

        def ask() -> None:
            gate.wait()
            statuses.append(
                signed(running, "GET", "/customers", params={"per_page": "100"}).status_code
            )

        threads = [threading.Thread(target=ask) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert sorted(statuses) == [200, 200, 503, 503]
        assert running.refused == 2
