"""Faceted, SNOMED-aware search over the catalogue (issue 7).

Documents are built from :class:`bigpicture.catalogue.facts.DatasetFacts` and ``ImageFacts``
(:mod:`.documents`), indexed by one of two engines behind :class:`.backend.SearchBackend`
(:mod:`.embedded`: tantivy, the default; :mod:`.elastic`: Elasticsearch or OpenSearch), and
queried through :class:`.service.SearchService`, which resolves words and codes through the
vocabulary service and can fan out to peer catalogues (:mod:`.federation`).
"""
