"""The web app and JSON API (khabar.web) over a real SQLite store of the seeds, with FastAPI's test
client: pages, API pagination and errors, highlighting from stored offsets, untrusted article text
rendered inert, request limits, ingest only with a token, no CDN."""

from __future__ import annotations

import json
import re

import lxml.html
import pytest
from fastapi.testclient import TestClient

from khabar.model import Analysis, Article, Entity, Mention, Quote, Sentence
from khabar.store import open_store
from khabar.web import create_app

EVIL_ID = "0badc0de0badc0de"
EVIL_TITLE = '<script>alert("title")</script>'
EVIL_BODY = ('قال <img src=x onerror=alert(1)> إن <a href="javascript:alert(2)">الرابط</a> '
             '<svg onload=alert(3)> «<iframe src="javascript:alert(4)"></iframe>» " onmouseover="alert(5)')


def evil_analysis() -> Analysis:
    """An article whose text, names and URL are all attempts at markup and script."""
    text = f"{EVIL_TITLE}\n\n{EVIL_BODY}"
    img = text.index("<img")
    q0 = text.index("«") + 1
    q1 = text.index("»")
    art = Article(id=EVIL_ID, text=text, title=EVIL_TITLE, url="javascript:alert(6)", outlet="evil",
                  outlet_name='<b onclick="alert(7)">Evil</b>', removed_lines=["<script>alert(8)</script>"])
    ent = Entity(id='new:PER:<img src=x onerror=alert(9)>', name="<script>alert(10)</script>", type="PER")
    body = text.index(EVIL_BODY)
    return Analysis(article=art, entities=[ent], sentences=[Sentence(body, body + len(EVIL_BODY))],
                    mentions=[Mention(img, img + 30, text[img:img + 30], "PER", entity=ent.id)],
                    quotes=[Quote(q0, q1, "direct", speaker=ent.id, speaker_text=ent.name, verb="<i>قال</i>")])


def build_store(path: str, seeds: dict, stories: bool = True) -> str:
    """The demo store (the five seeds) plus the hostile article, placed in stories as `khabar demo`
    does (``stories=False``: a store written before stories, with empty story tables)."""
    from khabar.engines.local import place_stories

    s = open_store(path)
    for a in seeds.values():
        s.add(a)
    s.add(evil_analysis())
    if stories:
        place_stories(s, workers=1)
    s.close()
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds) -> str:
    return build_store(str(tmp_path_factory.mktemp("web") / "demo.db"), seeds)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


def html(r) -> lxml.html.HtmlElement:
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(r.text)


@pytest.mark.parametrize("url", ["/", "/search?q=الدرع+الصاروخي", "/actor/NATO", "/dyad?a=NATO&b=RUS",
                                 "/thread?a=NATO&b=Russia", "/events", "/actors", "/docs"])
def test_pages_render_arabic_first_with_a_csp(client, url):
    r = client.get(url)
    doc = html(r)
    if url != "/docs":
        assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    for el in doc.iter():  # every asset is ours: nothing loaded from another host
        for attr in ("src", "href"):
            v = el.get(attr)
            if v is not None and el.tag in ("script", "link", "img"):
                assert v.startswith("/"), (el.tag, v)
    assert not [el for el in doc.iter() if any(a.startswith("on") for a in el.attrib)], "inline event handler"


def test_home_shows_the_nato_russia_thread_first(client, seeds):
    doc = html(client.get("/"))
    sections = doc.cssselect("main section")
    assert sections[0].get("id") == "top-thread"
    links = [a.get("href") for a in sections[0].cssselect("h2 a")]
    assert sorted(links) == ["/actor/NATO", "/actor/RUS"]
    assert sections[0].cssselect("svg circle")  # the dyad chart, server-side SVG
    listed = {a.get("href").rsplit("/", 1)[1] for a in sections[0].cssselect("ul.articles a")}
    assert seeds["000"].article.id in listed


def test_english_switch_sets_labels_and_a_cookie(db):
    with TestClient(create_app(db)) as c:
        r = c.get("/?lang=en")
        doc = html(r)
        assert doc.get("lang") == "en" and doc.get("dir") == "ltr"
        assert "Top thread" in r.text and "lang=ar" in doc.get_element_by_id("lang-switch").get("href")
        assert html(c.get("/search")).get("lang") == "en"  # the cookie keeps it
        assert html(c.get("/search?lang=ar")).get("lang") == "ar"


def test_article_highlights_sit_on_the_stored_offsets(client, seeds):
    a = seeds["000"]
    api = client.get(f"/api/articles/{a.article.id[:8]}").json()
    text = api["article"]["text"]
    doc = html(client.get(f"/article/{a.article.id}"))
    body = doc.get_element_by_id("atext")
    assert body.text_content() == text  # every piece escaped, nothing added or lost
    spans = [(int(el.get("data-s")), int(el.get("data-e")), el) for el in body.cssselect("span[data-s]")]
    for el_s, el_e, el in spans:
        assert el.text_content() == text[el_s:el_e]
    for kind, items in (("m", api["mentions"]), ("q", api["quotes"]), ("x", api["timexes"])):
        assert items, kind
        for i, it in enumerate(items):
            mine = [(s, e) for s, e, el in spans if str(i) in (el.get(f"data-{kind}") or "").split()]
            assert mine and mine[0][0] == it["start"] and mine[-1][1] == it["end"], (kind, i)
    ent = body.cssselect("span.ent a[href='/actor/NATO']")
    assert ent and ent[0].text_content() in {v["text"] for v in client.get("/actor/NATO") and
                                             client.get("/api/actors/NATO").json()["variants"]}
    assert doc.cssselect("details.removed") and doc.cssselect("input#t-ent[type=checkbox]")


def test_untrusted_article_text_renders_inert(client):
    r = client.get(f"/article/{EVIL_ID}")
    doc = html(r)
    assert len(doc.cssselect("script")) == 1 and doc.cssselect("script")[0].get("src") == "/static/app.js"
    for tag in ("img", "iframe", "svg", "b", "i"):
        assert not doc.cssselect(f"main {tag}"), tag
    for el in doc.iter():
        assert not [k for k in el.attrib if k.lower().startswith("on")], (el.tag, el.attrib)
        assert not (el.get("href") or "").lower().startswith("javascript:"), el.attrib
    assert "&lt;script&gt;" in r.text and "<script>alert" not in r.text
    assert doc.get_element_by_id("atext").text_content().startswith(EVIL_TITLE)
    # the entity named by markup is reachable, and its page is as inert
    actor = client.get("/api/articles/" + EVIL_ID).json()["mentions"][0]["entity"]
    doc = html(client.get("/actor/" + actor))
    assert not doc.cssselect("main img") and len(doc.cssselect("script")) == 1
    hits = client.get("/search", params={"q": "الرابط"})
    assert "<img" not in hits.text.split("<main>")[1]


def test_search_api_is_paginated_and_filtered(client, seeds):
    q = {"q": "الناتو", "limit": 2}
    first = client.get("/api/search", params=q).json()
    second = client.get("/api/search", params={**q, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["has_more"]
    ids = [h["article"]["id"] for h in first["items"] + second["items"]]
    assert len(ids) == len(set(ids)) >= 3
    everything = client.get("/api/search", params={"q": "الناتو", "limit": 50}).json()
    assert [h["article"]["id"] for h in everything["items"]][:len(ids)] == ids
    dated = client.get("/api/search", params={"q": "الناتو", "from": "2022", "limit": 50}).json()["items"]
    assert dated and all(h["article"]["published"] >= "2022" for h in dated)
    lavrov = client.get("/api/search", params={"q": "الناتو", "actor": "Lavrov", "limit": 50}).json()["items"]
    assert 0 < len(lavrov) < len(everything["items"])
    page = html(client.get("/search", params={"q": "الدرع الصاروخي"}))
    marks = [m.text_content() for m in page.cssselect(".snippet mark")]
    assert marks and any("الصاروخ" in m for m in marks)


def test_list_api_pages_do_not_overlap(client):
    pages = [client.get("/api/articles", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4)]
    ids = [r["id"] for p in pages for r in p["items"]]
    assert len(ids) == len(set(ids)) == 6 and pages[0]["has_more"] and not pages[2]["has_more"]


def test_actor_dyad_events_and_downloads(client):
    nato = client.get("/api/actors/NATO").json()
    assert nato["variants"] and any(d["other"] == "RUS" for d in nato["top_dyads"])
    doc = html(client.get("/actor/NATO"))
    assert doc.cssselect("a.dyad-link") and doc.cssselect("table.events tbody tr")
    dy = client.get("/api/dyad", params={"a": "NATO", "b": "RUS", "by": "year"}).json()
    assert {r["direction"] for r in dy["rows"]} == {"→", "←"}
    page = html(client.get("/dyad?a=NATO&b=RUS&by=year"))
    periods = {c.get("data-period") for c in page.cssselect("svg circle")}
    assert periods and all(page.get_element_by_id(f"p-{p}") is not None for p in periods)
    csv_text = client.get("/events", params={"actor": "NATO", "format": "csv", "min_confidence": 0}).text
    header, *rows = csv_text.splitlines()
    assert header.startswith("id,date,plover") and rows
    plover = client.get("/api/events", params={"actor": "NATO", "format": "plover", "min_confidence": 0}).text
    lines = [json.loads(x) for x in plover.splitlines()]
    assert {x["id"] for x in lines} == {r.split(",")[0] for r in rows}
    assert all(x["actor"]["id"] == "NATO" for x in lines)
    ev = client.get("/api/events", params={"limit": 3, "min_confidence": 0}).json()
    assert len(ev["items"]) == 3 and ev["has_more"]


@pytest.mark.parametrize("url,status", [
    ("/api/nothing", 404), ("/api/articles/ffffffffffff", 404), ("/api/articles?from=yesterday", 400),
    ("/api/search?q=%22open", 400), ("/api/events?actor=NoSuchActorAnywhere", 400), ("/api/articles?limit=100000", 400),
    ("/api/events?type=A;DROP", 400), ("/api/dyad?a=NATO", 400)])
def test_api_errors_are_json(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"] == "application/json"
    assert set(r.json()) == {"error", "status"} and "Traceback" not in r.text


@pytest.mark.parametrize("url,status", [("/nothing", 404), ("/article/ffffffffffff", 404),
                                        ("/search?q=a&from=2022-13-45-1", 400), ("/events?page=0", 400)])
def test_page_errors_are_html(client, url, status):
    r = client.get(url)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert lxml.html.fromstring(r.text).cssselect("p.error")


def test_a_crash_is_an_error_page_not_a_traceback(db, monkeypatch):
    from khabar.store.sqlite import SQLiteStore

    app = create_app(db)

    def boom(*a, **k):
        raise RuntimeError("secret internals")
    monkeypatch.setattr(SQLiteStore, "top_entities", boom)  # every worker thread's store
    with TestClient(app, raise_server_exceptions=False) as c:
        for url in ("/actors", "/api/actors"):
            r = c.get(url)
            assert r.status_code == 500 and "secret" not in r.text and "Traceback" not in r.text


def test_request_limits_and_cors_off(client):
    assert client.get("/api/search", params={"q": "ا" * 3000}).status_code in (400, 414)
    assert client.get("/search?q=" + "a" * 5000).status_code == 414
    r = client.post("/api/ingest", content=b"x" * 10, headers={"content-length": str(50 * 1024 * 1024)})
    assert r.status_code == 413
    r = client.get("/api/articles", headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    assert client.post("/api/ingest", content=b"text").status_code == 404  # read-only by default
    assert client.post("/api/articles").status_code == 405


def test_ingest_needs_the_token(tmp_path):
    from conftest import seed_path

    from khabar.cli.serve import _ingest_hook

    db = str(tmp_path / "new.db")
    hook = _ingest_hook(db)
    with TestClient(create_app(db, ingest=hook, token="s3cret-token")) as c:
        raw = seed_path("003").read_bytes()
        assert c.post("/api/ingest", content=raw).status_code == 401
        assert c.post("/api/ingest", content=raw, headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/api/ingest?name=seed.txt", content=raw, headers={"Authorization": "Bearer s3cret-token"})
        assert r.status_code == 200 and len(r.json()["new"]) == 1, r.text
        assert c.get("/api/articles").json()["items"][0]["id"] == r.json()["new"][0]
        again = c.post("/api/ingest?name=seed.txt", content=raw, headers={"Authorization": "Bearer s3cret-token"})
        assert again.json()["duplicates"] == r.json()["new"]
    with pytest.raises(ValueError):
        create_app(db, ingest=hook, token="")


def test_openapi_and_docs_need_no_network(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/search", "/api/articles/{article_id}", "/api/events", "/api/dyad"} <= set(spec["paths"])
    assert not any(p in spec["paths"] for p in ("/", "/search", "/article/{article_id}"))
    docs = client.get("/docs").text
    assert "/static/swagger/swagger-ui-bundle.js" in docs and not re.search(r"(src|href)=\"https?:", docs)
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
