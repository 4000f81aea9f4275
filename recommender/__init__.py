"""The scikit-learn recommender: a Django-free core (datasets, models, evaluation).

Built in the recommender issue; nothing in this package imports Django.
"""
