"""RSS and Atom feeds: one article per entry, HTML stripped."""

from __future__ import annotations

from pathlib import Path

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Harbour Courier - World</title>
  <link>https://courier.example/world</link>
  <description>World news</description>
  <item>
    <title>Navy chiefs hold video call</title>
    <link>https://courier.example/world/navy-call</link>
    <pubDate>Tue, 04 Apr 2023 08:30:00 GMT</pubDate>
    <description><![CDATA[<p>The navy chiefs of Arland and Borvia held a video call.</p>
      <p>They agreed to set up a <b>hotline</b>.</p><script>alert(1)</script>]]></description>
  </item>
  <item>
    <title>Borvia recalls envoy</title>
    <link>https://courier.example/world/envoy</link>
    <pubDate>Wed, 05 Apr 2023 11:00:00 GMT</pubDate>
    <description>Borvia recalled its envoy from Arland &amp; protested.</description>
  </item>
  <item>
    <title>Photo gallery</title>
    <link>https://courier.example/world/photos</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Strait Monitor</title>
  <id>urn:uuid:60a76c80-d399-11d9-b91C-0003939e0af6</id>
  <updated>2023-04-06T12:00:00Z</updated>
  <entry>
    <title>Defence ministers meet</title>
    <link href="https://monitor.example/2023/04/ministers"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2023-04-06T09:00:00Z</published>
    <updated>2023-04-06T10:00:00Z</updated>
    <summary>Short summary.</summary>
    <content type="html">&lt;p&gt;The defence ministers of Arland and Borvia met in Port Alba.&lt;/p&gt;&lt;p&gt;They signed a memorandum on maritime safety.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Talks to resume</title>
    <link href="https://monitor.example/2023/04/talks"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <updated>2023-04-07T10:00:00Z</updated>
    <summary type="text">Officials said talks would resume next month.</summary>
  </entry>
</feed>
"""


def test_rss_feed(tmp_path: Path, read) -> None:
    path = tmp_path / "world.rss"
    path.write_text(RSS, encoding="utf-8")
    articles, problems = read(path)
    assert [a.source for a in articles] == [f"{path}#1", f"{path}#2"]
    first, second = articles
    assert first.format == "feed"
    assert first.text == ("The navy chiefs of Arland and Borvia held a video call.\n"
                          "They agreed to set up a hotline.")
    assert first.title == "Navy chiefs hold video call"
    assert first.url == "https://courier.example/world/navy-call"
    assert first.published == "Tue, 04 Apr 2023 08:30:00 GMT"
    assert first.outlet == "Harbour Courier - World"
    assert second.text == "Borvia recalled its envoy from Arland & protested."
    assert [(p.source, p.reason) for p in problems] == [
        (f"{path}#3", "feed entry has no text (no content or summary)")]


def test_atom_feed(tmp_path: Path, read) -> None:
    path = tmp_path / "monitor.atom"
    path.write_text(ATOM, encoding="utf-8")
    articles, problems = read(path)
    assert problems == []
    first, second = articles
    assert first.text == ("The defence ministers of Arland and Borvia met in Port Alba.\n"
                          "They signed a memorandum on maritime safety.")
    assert (first.title, first.url, first.published, first.outlet) == (
        "Defence ministers meet", "https://monitor.example/2023/04/ministers",
        "2023-04-06T09:00:00Z", "Strait Monitor")
    assert second.text == "Officials said talks would resume next month."
    assert second.published == "2023-04-07T10:00:00Z"  # no <published>: <updated>


def test_feed_sniffed_without_feed_extension(tmp_path: Path, read) -> None:
    (tmp_path / "feed").write_text(ATOM, encoding="utf-8")
    (tmp_path / "world.txt.feed").write_text(RSS, encoding="utf-8")
    articles, _ = read(tmp_path)
    assert [a.format for a in articles] == ["feed"] * 4


def test_xml_that_is_not_a_feed(tmp_path: Path, read) -> None:
    path = tmp_path / "config.xml"
    path.write_text('<?xml version="1.0"?><settings><colour>blue</colour></settings>',
                    encoding="utf-8")
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>Cut", encoding="utf-8")
    articles, problems = read(path, broken)
    assert articles == []
    assert [p.source for p in problems] == [str(path), str(broken)]
    assert problems[0].reason.startswith("not an RSS or Atom feed")
    assert problems[1].reason == "feed has no entries"


def test_truncated_feed_keeps_complete_entries(tmp_path: Path, read) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(RSS[:RSS.index("<title>Borvia")], encoding="utf-8")
    articles, _ = read(path)
    assert [a.title for a in articles][:1] == ["Navy chiefs hold video call"]


def test_limit_applies_to_the_whole_feed(tmp_path: Path, read) -> None:
    # a feed is parsed whole, so the limit is on the file, read no further
    # (issue 26: a link to /dev/zero took gigabytes); an entry is never larger
    path = tmp_path / "world.xml"
    path.write_text(RSS.replace("protested.", "protested. " + "More. " * 100), encoding="utf-8")
    articles, problems = read(path, max_bytes=1000)
    assert articles == [] and [p.source for p in problems] == [str(path)]
    assert problems[0].reason == ("feed is 1.5 kB, over the 1.0 kB limit per input; "
                                  "split it or raise --max-bytes")
