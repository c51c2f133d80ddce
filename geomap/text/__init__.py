"""From article text to mentions and claims (pure text; no maps, no geometry).

- :mod:`geomap.text.reader`: ``read_article(path)`` / ``article_from_text(text)`` → ``Article(text, title, date,
  source, format)`` (plain text, Markdown, simple HTML; UTF-8; ≤ 5 MB).
- :mod:`geomap.text.sentences`: ``split_sentences(text)`` → [(start, end)], ``SentenceIndex``.
- :mod:`geomap.text.units`: ``find_distances(text)`` → ``Distance`` (km values, ranges, qualifiers, spans).
- :mod:`geomap.text.spotter`: ``spot(text, gaz)`` → ``Mention`` list (each unpacks as (start, end, name)).
- :mod:`geomap.text.claims`: ``extract_claims(text, mentions, sentences, distances)`` → ``Claim`` list.
"""
