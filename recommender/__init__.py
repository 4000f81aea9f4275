"""The scikit-learn recommender: a Django-free core (datasets, models, evaluation).

Built in the recommender issue; nothing in this package imports Django.

- ``dataset``: ``IdMap`` (external id ↔ row), ``Interaction`` / ``InteractionArrays``, ``KIND_WEIGHTS``,
  ``build_matrix`` (users × items implicit feedback), ``ItemCatalogue`` (the item table), age groups;
- ``content``: ``ContentModel`` — texts (char n-grams, every language), categories, ages, price, flags;
- ``collaborative``: ``ItemKNN`` and ``EASE`` on any sparse users × items matrix, and the shared
  ``fit`` / ``score_users`` / ``score_history`` / ``recommend`` interface;
- ``popularity``: ``PopularityModel`` (per age group × area, recency-weighted) and ``RandomModel``;
- ``hybrid``: ``HybridRecommender`` — ``recommend(Request)`` with hard constraints, a history-dependent
  blend, diversity and a ``Reason`` per suggestion; ``similar_items``;
- ``evaluation``: leave-last-out and cold-start splits, hit rate / nDCG / coverage at k, ``evaluate`` (the
  popularity and random baselines are always in the table);
- ``synthetic``: a SYNTHETIC population generator for tests and benchmarks;
- ``store``: ``save_model`` / ``load_latest`` / ``latest_version`` (``.npz`` + ``.json``, no pickle).
"""
