"""Weights of the extractive answerer (rag/extractive/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/extractive/evidence.py).

Fitted 2026-12-07 on news-dev (93 questions) and SQuAD2 dev (250); its 58 left-out questions are
only scored. Out-of-fold, 10 folds, at REFUSE_AT: news-dev answered with a gold passage 0.829,
unanswerable refused 0.739; SQuAD2 dev answered with a gold passage 0.884, citation precision
0.939, unanswerable refused 0.264; left-out refused 0.466.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.8926,
    'static': 3.5770,
    'static_prev': 1.0442,
    'title': -1.5736,
    'question': -1.0054,
    'rank0': 0.7321,
    'gap': -3.1417,
    'type_miss': -1.6375,
    'types_missing': -1.6396,
    'unit': 2.6724,
    'names': -0.8406,
    'names_near': -0.7887,
    'name_conflict': -0.5764,
    'names_passage': 1.4228,
    'speaker_near': 2.2461,
    'quote': 0.4640,
    'quoted_before': 0.6401,
    'near_quoted': 0.2586,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 1.1761,
    'static': 1.3306,
    'static_prev': 1.2924,
    'title': -1.5900,
    'question': -1.1456,
    'rank0': 0.7109,
    'gap': -1.8397,
    'type_miss': -1.1972,
    'types_missing': -1.2004,
    'unit': 1.9506,
    'names': -1.2011,
    'names_near': -0.8690,
    'name_conflict': -0.6807,
    'names_passage': 0.9518,
    'speaker_near': 2.0357,
    'quote': 0.3992,
    'quoted_before': -0.4651,
    'near_quoted': 0.3529,
    'cos': 2.0435,
    'maxsim': 1.7064,
    'unmatched': -2.0213,
    'slot_miss': -0.9591,
    'slot_bound': 0.5984,
    'slot_next': 0.0768,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 6.3414,
    'score': -0.3028,
    'admissible_gap': 4.6558,
    'margin': -0.2130,
    'cos': -3.2494,
    'maxsim': -5.6961,
    'unmatched': -3.4959,
    'lex': 1.6642,
    'passage_lex': -2.9630,
    'type_miss': -0.4896,
    'types_missing': -0.4896,
    'names_sentence': 1.1814,
    'names_near': 0.0373,
    'name_conflict': 1.4143,
    'names_any': 0.0000,
    'title': -4.0924,
    'retrieval': 0.6844,
    'followup': -2.2862,
}
REFUSE_AT = 0.75
