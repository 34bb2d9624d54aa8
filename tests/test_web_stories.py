"""The story pages and API (khabar.web) over the seeds' store with its story tables (as `khabar demo`
leaves it) and over one without stories: the home page's thread from the stories, the story page's
articles, timeline and summary linked to their spans, the thread, the story and event-type search
filters, the article's story, and hostile text in story titles and summaries rendered inert."""

from __future__ import annotations

import lxml.html
import pytest
from fastapi.testclient import TestClient
from test_web import EVIL_BODY, EVIL_ID, EVIL_TITLE, build_store, html

from khabar.store import open_store
from khabar.web import create_app


@pytest.fixture(scope="module")
def db(tmp_path_factory, seeds) -> str:
    return build_store(str(tmp_path_factory.mktemp("webstories") / "demo.db"), seeds)


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def thread_id(db, seeds) -> str:
    s = open_store(db, readonly=True)
    try:
        tid = s.story(seeds["000"].article.id)["thread_id"]
        assert {s.story(a.article.id)["thread_id"] for a in seeds.values()} == {tid}  # one NATO–Russia thread
        return tid
    finally:
        s.close()


def test_home_thread_comes_from_the_story_tables(client, seeds, thread_id):
    doc = html(client.get("/"))
    first = doc.cssselect("main section")[0]
    assert first.get("id") == "top-thread" and first.get("data-thread") == thread_id
    assert sorted(a.get("href") for a in first.cssselect("h2 a")) == ["/actor/NATO", "/actor/RUS"]
    assert first.cssselect("svg circle")
    stories = first.cssselect("ol.thread-stories > li")
    assert len(stories) == 5  # the five seeds: five one-article stories linked over time
    dated = [li.cssselect("time")[0].text for li in stories if li.cssselect("time")[0].text != "—"]
    plain = [d.lstrip("~") for d in dated]  # «~»: dated from its story (the two yearless seeds)
    assert plain == sorted(plain) and len(dated) == 5  # oldest first
    assert sum(d.startswith("~") for d in dated) == 2 and not dated[-1].startswith("~")
    listed = {a.get("href").rsplit("/", 1)[1] for a in first.cssselect("ul.articles a")}
    assert {a.article.id for a in seeds.values()} <= listed
    assert first.get_element_by_id("open-thread").get("href") == f"/thread/{thread_id}"


def test_home_falls_back_to_the_dyad_thread_without_stories(tmp_path, seeds):
    db = build_store(str(tmp_path / "nostories.db"), seeds, stories=False)
    with TestClient(create_app(db)) as c:
        doc = html(c.get("/"))
        first = doc.cssselect("main section")[0]
        assert first.get("id") == "top-thread" and first.get("data-thread") is None
        assert first.cssselect('a[href^="/thread?a="]')  # the dyad thread
        assert sorted(a.get("href") for a in first.cssselect("h2 a")) == ["/actor/NATO", "/actor/RUS"]
        assert html(c.get("/stories")).cssselect("table.stories td.muted")  # no stories: an empty list
        assert c.get("/api/stories").json()["items"] == []
        doc = html(c.get(f"/article/{seeds['000'].article.id}"))
        assert doc.get_element_by_id("article-story").text_content().strip() == "—"
        assert c.get(f"/story/{seeds['000'].article.id}").status_code == 404


def test_thread_page_lists_its_stories_oldest_first(client, thread_id, seeds):
    doc = html(client.get(f"/thread/{thread_id}"))
    items = doc.cssselect("ol.thread-stories > li")
    assert len(items) == 5
    links = [li.cssselect("a.story-link")[0].get("href") for li in items]
    # oldest first, the undated seeds placed by their story-derived dates: 2009-12 → 2010-02 → 2010-11 → 2011-07 → 2022-01
    assert links == [f"/story/{seeds[k].article.id}" for k in ("002", "003", "000", "001", "004")]
    other = html(client.get(f"/thread/{seeds['004'].article.id}"))  # any story of the thread names it
    assert [li.cssselect("a.story-link")[0].get("href") for li in other.cssselect("ol.thread-stories > li")] == links
    assert doc.cssselect("svg circle")
    assert client.get("/thread/ffffffffffff").status_code == 404


def test_stories_list_filters_and_api_pages(client, seeds):
    doc = html(client.get("/stories"))
    rows = doc.cssselect("table.stories tbody tr")
    assert len(rows) == 6  # five seeds and the hostile article
    assert len(html(client.get("/stories?from=2011")).cssselect("a.story-link")) == 2  # 2011, 2022 (undated out)
    assert len(html(client.get("/stories?to=2010-12")).cssselect("a.story-link")) == 1
    assert len(html(client.get("/stories?outlet=rt_arabic")).cssselect("a.story-link")) >= 1
    assert not html(client.get("/stories?min_size=2")).cssselect("a.story-link")
    lavrov = html(client.get("/stories?actor=Lavrov")).cssselect("a.story-link")
    assert 0 < len(lavrov) < 6
    first = client.get("/api/stories", params={"limit": 2}).json()
    second = client.get("/api/stories", params={"limit": 2, "offset": 2}).json()
    third = client.get("/api/stories", params={"limit": 2, "offset": 4}).json()
    ids = [r["id"] for p in (first, second, third) for r in p["items"]]
    assert len(ids) == len(set(ids)) == 6 and first["has_more"] and not third["has_more"]
    assert client.get("/api/stories", params={"actor": "NoSuchActorAnywhere"}).status_code == 400
    assert client.get("/api/stories", params={"from": "yesterday"}).status_code == 400
    spec = client.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}"} <= set(spec)
    assert {p["name"] for p in spec["/api/search"]["get"]["parameters"]} >= {"type", "story"}


def test_story_page_links_timeline_and_summary_to_their_spans(client, seeds):
    a = seeds["004"]  # 2022: the NATO–Russia Council talks
    aid = a.article.id
    doc = html(client.get(f"/story/{aid[:10]}"))  # a prefix of the story's id
    assert doc.cssselect("h1")[0].text_content() == a.article.title
    assert [h.text_content().split()[0] for h in doc.cssselect(".story-articles h3")] == [a.article.outlet_name.split()[0]]
    cited = doc.cssselect(".story-summary a.cited") + doc.cssselect(".story-timeline a.cited")
    assert doc.cssselect(".story-summary a.cited") and doc.cssselect(".story-timeline li.entry")
    text = a.article.text
    for link in cited:
        href = link.get("href")
        assert href.startswith(f"/article/{aid}?span=") and href.endswith("#cite"), href
        s, e = (int(x) for x in href.split("span=")[1].split("#")[0].split("-"))
        page = html(client.get(href))
        anchor = page.get_element_by_id("cite")  # the first piece of the cited span
        marked = "".join(el.text_content() for el in page.cssselect("#atext span.cite"))
        assert marked == text[s:e] and int(anchor.get("data-s")) == s
        shown = link.text_content().strip("«»").rstrip("…").replace(" ", "")
        assert shown[:40] in "".join(text[s:e].split())  # what the link says is what it points to
    thread = doc.cssselect(".story-thread li")
    current = [li for li in thread if li.get("class") == "current"]
    assert len(thread) == 5 and len(current) == 1 and current[0].cssselect("time")[0].text == "2022-01-12"
    assert thread.index(current[0]) == 4  # oldest first, the undated placed by their story-derived dates (2009-12, 2010-02)
    api = client.get(f"/api/stories/{aid}").json()
    assert api["id"] == aid and api["articles"]["items"][0]["article_id"] == aid
    assert api["summary"] and all(text[c["start"]:c["end"]].split() == c["text"].split() for c in api["summary"])
    assert api["timeline"]["n"] == len(doc.cssselect(".story-timeline li.entry"))
    assert client.get("/api/stories/ffffffffffff").status_code == 404
    assert client.get(f"/article/{aid}?span=5-2").status_code == 200  # an empty span marks nothing
    assert not html(client.get(f"/article/{aid}?span=5-2")).cssselect("#cite")
    assert client.get(f"/article/{aid}?span=x").status_code == 400


def test_article_page_names_its_story(client, seeds, thread_id):
    doc = html(client.get(f"/article/{seeds['002'].article.id}"))
    box = doc.get_element_by_id("article-story")
    hrefs = [a.get("href") for a in box.cssselect("a")]
    assert hrefs[0] == f"/story/{seeds['002'].article.id}" and f"/thread/{thread_id}" in hrefs


def test_search_filters_by_story_and_event_type(client, seeds):
    nato = client.get("/api/search", params={"q": "الناتو", "limit": 50}).json()["items"]
    one = seeds["004"].article.id
    only = client.get("/api/search", params={"q": "الناتو", "story": one, "limit": 50}).json()["items"]
    assert len(nato) > 1 and [h["article"]["id"] for h in only] == [one]
    listed = client.get("/api/search", params={"story": one}).json()["items"]  # no words: the story's articles
    assert [h["article"]["id"] for h in listed] == [one]
    having = {}
    for a in seeds.values():
        for e in a.events:
            if e.confidence >= 0.4:
                having.setdefault(e.plover, set()).add(a.article.id)
    t, want = min(having.items(), key=lambda kv: (len(kv[1]), kv[0]))  # a type some seeds have, not all
    got = client.get("/api/search", params={"type": t, "limit": 50}).json()["items"]
    assert {h["article"]["id"] for h in got} == want and 0 < len(want) < 5
    both = client.get("/api/search", params={"q": "الناتو", "type": t.lower(), "limit": 50}).json()["items"]
    assert {h["article"]["id"] for h in both} <= want
    page = html(client.get("/search", params={"type": t}))
    assert len(page.cssselect(".results .hit")) == len(want)
    assert client.get("/api/search", params={"story": "ffffffffffff"}).status_code == 400
    assert client.get("/search", params={"type": "A;DROP"}).status_code == 400


def test_hostile_story_titles_and_summaries_render_inert(client):
    api = client.get(f"/api/stories/{EVIL_ID}").json()
    assert api["title"] == EVIL_TITLE
    assert api["summary"] and "<img" in api["summary"][0]["text"]  # the hostile body is the summary
    for url in (f"/story/{EVIL_ID}", "/stories", "/", f"/search?story={EVIL_ID}", f"/thread/{api['thread_id']}"):
        r = client.get(url)
        doc = html(r)
        assert len(doc.cssselect("script")) == 1 and doc.cssselect("script")[0].get("src") == "/static/app.js", url
        for tag in ("img", "iframe", "b", "i"):
            assert not doc.cssselect(f"main {tag}"), (url, tag)
        assert not doc.cssselect("main svg") or url in ("/", f"/thread/{api['thread_id']}")  # only our chart
        for el in doc.iter():
            assert not [k for k in el.attrib if k.lower().startswith("on")], (url, el.tag, el.attrib)
            assert not (el.get("href") or "").lower().startswith("javascript:"), (url, el.attrib)
        assert "<script>alert" not in r.text, url
    doc = html(client.get(f"/story/{EVIL_ID}"))
    assert doc.cssselect("h1")[0].text_content() == EVIL_TITLE
    summary = doc.cssselect(".story-summary a.cited")[0].text_content()
    assert "<img src=x onerror=alert(1)>" in summary and " ".join(EVIL_BODY.split())[:30] in summary
    page = lxml.html.fromstring(client.get(doc.cssselect(".story-summary a.cited")[0].get("href")).text)
    assert page.get_element_by_id("cite") is not None and not page.cssselect("main img")


def test_a_story_page_is_computed_once_per_store_size(client, seeds):
    one = seeds["004"].article.id
    first = client.get(f"/api/stories/{one}").json()
    cache = client.app.state.cache
    assert any(k.startswith(f"story:{one}") for k in cache)
    assert client.get(f"/api/stories/{one}").json() == first
    assert client.get(f"/story/{one}").status_code == 200 and client.get("/api/stories/ffffffffffff").status_code == 404
