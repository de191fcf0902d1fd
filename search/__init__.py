"""Skill search: one package for the index, the query rules, ranking, suggestions and pages.

How it works, in the order a search runs:

1. ``text.normalise`` decides what a word is (lower case, accents off, "C#" = "csharp" and a
   few other symbol names, punctuation a space). The SQL function ``taxonomy_search_norm``
   (search migration 0002) is the same rule in PostgreSQL, so both sides of every comparison
   agree.
2. ``indexing`` keeps derived tables (``models``) current: a weighted document per skill (name,
   aliases, job titles, text), every name and alias per word position for prefixes, job titles
   and categories the same way, a lexicon for typos, and (``meaning``) each skill's embedding.
   It runs from the one write rule, ``taxonomy.changes.content_changed``, through
   ``CONTENT_CHANGE_HANDLERS`` in settings, and from ``manage.py rebuild_search_index``.
3. ``query.prepare_query`` checks what was typed and finds typo corrections (one query; a
   second for a long word with no correction one edit away).
4. ``ranking.search_skills(queryset, query)`` narrows any Skill queryset and orders it by
   fusing the word ranking (exact name, alias, job title, text) with the meaning ranking
   (``meaning.closest_skill_ids``); it is the one function behind the search page, the API's
   ``?q=`` and (for their skill part) the job advert reader.
5. ``suggest`` answers the autocomplete (skills, job titles, categories; one typo allowed) and
   "Did you mean", and finds the job titles and categories the search page lists; ``snippets``
   shows why a result matched; ``views`` and ``urls`` are the pages; ``skill_extension`` puts
   similar skills on skill pages through taxonomy's extension seam.

Who may see what is decided by ``Skill.objects.visible_to(user)``, as everywhere else.
"""
