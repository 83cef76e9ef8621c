"""Weights of the extractive answerer (rag/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/evidence.py).

Fitted 2026-11-26 on news-dev (93 questions) + SQuAD2 dev (250). Out-of-fold, 10 folds, at
REFUSE_AT: news-dev answered with a gold passage 0.800, unanswerable refused 0.696; SQuAD2 dev
answered with a gold passage 0.909, unanswerable refused 0.256.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.7319,
    'static': 3.5251,
    'static_prev': 1.0908,
    'title': -1.5714,
    'question': -0.9780,
    'rank0': 0.7526,
    'gap': -3.4901,
    'type_miss': -1.6621,
    'types_missing': -1.6789,
    'unit': 2.6865,
    'names': -0.7774,
    'names_near': -0.6417,
    'name_conflict': -0.6580,
    'names_passage': 0.9331,
    'speaker_near': 0.0042,
    'quote': 0.5331,
    'quoted_before': 0.8233,
    'near_quoted': 0.3424,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 0.9439,
    'static': 1.3995,
    'static_prev': 1.3917,
    'title': -1.5834,
    'question': -1.1927,
    'rank0': 0.6859,
    'gap': -2.0384,
    'type_miss': -1.2292,
    'types_missing': -1.2507,
    'unit': 2.1449,
    'names': -1.1171,
    'names_near': -0.8677,
    'name_conflict': -0.7909,
    'names_passage': 0.5797,
    'speaker_near': 0.0031,
    'quote': 0.4115,
    'quoted_before': -0.2456,
    'near_quoted': 0.3622,
    'cos': 2.4531,
    'maxsim': 1.7535,
    'unmatched': -1.8819,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 5.2853,
    'score': -0.0614,
    'admissible_gap': 2.6490,
    'margin': -0.1295,
    'cos': -2.8327,
    'maxsim': -7.2240,
    'unmatched': -2.9796,
    'lex': -1.0201,
    'passage_lex': -1.0296,
    'type_miss': -0.5545,
    'types_missing': -0.5545,
    'names_sentence': 1.6102,
    'names_near': -0.6339,
    'name_conflict': 0.7033,
    'names_any': 0.0000,
    'title': -3.6875,
    'retrieval': 1.0955,
    'followup': -2.3979,
}
REFUSE_AT = 0.65
