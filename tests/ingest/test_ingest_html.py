"""HTML pages: article text and metadata with trafilatura; truncated pages."""

from __future__ import annotations

from pathlib import Path

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Navy chiefs hold video call | Harbour Courier</title>
<meta property="og:title" content="Navy chiefs hold video call">
<meta property="og:site_name" content="Harbour Courier">
<meta property="article:published_time" content="2023-04-04T08:30:00Z">
<meta property="og:url" content="https://courier.example/world/navy-call">
<script>var tracking = "do not keep";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Navy chiefs hold video call</h1>
<p>The navy chiefs of Arland and Borvia held a video call on Tuesday to discuss safety
at sea in the narrow strait between the two countries, the Arland ministry said.</p>
<p>Both commanders agreed to set up a hotline and to meet in person before the end of
the year, according to a statement published after the call.</p>
<p>Borvia's ministry said the call was candid and constructive, and that the two sides
would keep in touch through their defence attaches.</p>
</article>
<footer>Copyright Harbour Courier. All rights reserved.</footer>
</body></html>
"""


def test_html_page(tmp_path: Path, read) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (article,), problems = read(path)
    assert problems == []
    assert article.format == "html"
    assert article.title == "Navy chiefs hold video call"
    assert article.outlet == "Harbour Courier"
    assert article.url == "https://courier.example/world/navy-call"
    assert article.published is not None and article.published.startswith("2023-04-04")
    assert article.text.startswith("The navy chiefs of Arland and Borvia held a video call")
    assert "agreed to set up a hotline" in article.text
    assert "defence attaches" in article.text
    for chrome in ("tracking", "Sport", "All rights reserved", "Navy chiefs hold video call"):
        assert chrome not in article.text


def test_html_sniffed_without_html_extension(tmp_path: Path, read) -> None:
    (tmp_path / "saved_page").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.htm").write_text(PAGE, encoding="utf-8")
    articles, _ = read(tmp_path)
    assert [a.format for a in articles] == ["html", "html"]
    assert articles[0].text == articles[1].text


def test_truncated_html_keeps_the_text_that_is_there(tmp_path: Path, read) -> None:
    cut = PAGE[:PAGE.index("the year, according")]
    path = tmp_path / "cut.html"
    path.write_text(cut, encoding="utf-8")
    (article,), problems = read(path)
    assert problems == []
    assert "held a video call on Tuesday" in article.text
    assert "meet in person before the end of" in article.text
    assert "according to a statement" not in article.text


def test_html_cut_before_any_text_is_a_problem(tmp_path: Path, read) -> None:
    path = tmp_path / "cut.html"
    path.write_text(PAGE[:PAGE.index("<script>")], encoding="utf-8")
    path2 = tmp_path / "empty_body.html"
    path2.write_text("<!doctype html><html><head></head><body>  </body></html>", encoding="utf-8")
    articles, problems = read(path, path2)
    assert articles == []
    assert [p.source for p in problems] == [str(path), str(path2)]
    assert all(p.reason.startswith("HTML page has no readable text") for p in problems)


def test_page_without_an_article_still_gives_its_text(tmp_path: Path, read) -> None:
    (tmp_path / "a.html").write_text("<html><body><p>Talks resumed.</p></body></html>")
    (tmp_path / "b.html").write_text(
        "<html><head><title>Brief</title><style>p {color: red}</style></head>"
        "<body><aside>Talks resumed in <b>Port Alba</b>.</aside></body></html>")
    articles, problems = read(tmp_path)
    assert problems == []
    assert [a.text for a in articles] == ["Talks resumed.", "Talks resumed in Port Alba."]


def test_gbk_html_page(tmp_path: Path, read) -> None:
    page = ('<html><head><meta charset="gbk"><title>两军通话</title></head><body><article>'
            "<p>国防部发言人表示，两国军队保持沟通渠道畅通。双方举行了视频通话，讨论海上安全问题，"
            "并同意今后继续保持沟通。</p></article></body></html>")
    path = tmp_path / "gbk.html"
    path.write_bytes(page.encode("gbk"))
    (article,), problems = read(path)
    assert problems == []
    assert "国防部发言人表示" in article.text


def test_an_article_inside_10000_nested_divs_is_recovered(tmp_path: Path, read) -> None:
    # libxml2 drops what is nested more than 256 deep (issue 26: the article
    # was lost as "no readable text"); the page is read as a stream instead
    sentence = "Russia attacked Ukraine on Monday, the ministry said."
    page = tmp_path / "deep.html"
    page.write_text("<html><head><title>Deep</title><script>var x = 1;</script><body>"
                    + "<div>" * 10_000 + f"<p>{sentence}</p><p>Talks follow.</p>"
                    + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    articles, problems = read(page)
    assert problems == []
    assert articles[0].text == f"{sentence}\nTalks follow."
