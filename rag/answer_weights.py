"""Weights of the extractive answerer (rag/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/evidence.py).

Fitted 2026-11-26 on news-dev (93 questions) and SQuAD2 dev (250); its 58 left-out questions are
only scored. Out-of-fold, 10 folds, at REFUSE_AT: news-dev answered with a gold passage 0.814,
unanswerable refused 0.696; SQuAD2 dev answered with a gold passage 0.893, citation precision
0.947, unanswerable refused 0.271; left-out refused 0.500.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.7572,
    'static': 3.5202,
    'static_prev': 1.1026,
    'title': -1.5609,
    'question': -0.9769,
    'rank0': 0.7319,
    'gap': -3.2500,
    'type_miss': -1.6569,
    'types_missing': -1.6752,
    'unit': 2.6812,
    'names': -0.7968,
    'names_near': -0.7382,
    'name_conflict': -0.6495,
    'names_passage': 1.3937,
    'speaker_near': 0.0046,
    'quote': 0.5311,
    'quoted_before': 0.8341,
    'near_quoted': 0.3670,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 1.0058,
    'static': 1.3859,
    'static_prev': 1.3919,
    'title': -1.6118,
    'question': -1.2027,
    'rank0': 0.6958,
    'gap': -1.8964,
    'type_miss': -1.2564,
    'types_missing': -1.2782,
    'unit': 2.1505,
    'names': -1.1279,
    'names_near': -0.8942,
    'name_conflict': -0.7640,
    'names_passage': 0.8740,
    'speaker_near': 0.0033,
    'quote': 0.4019,
    'quoted_before': -0.2955,
    'near_quoted': 0.3003,
    'cos': 2.4589,
    'maxsim': 1.7437,
    'unmatched': -1.8244,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 5.3603,
    'score': -0.1283,
    'admissible_gap': 2.6449,
    'margin': -0.1517,
    'cos': -3.0642,
    'maxsim': -6.6949,
    'unmatched': -2.9721,
    'lex': -1.0261,
    'passage_lex': -0.8878,
    'type_miss': -0.6858,
    'types_missing': -0.6858,
    'names_sentence': 2.0160,
    'names_near': -0.9983,
    'name_conflict': 0.7818,
    'names_any': 0.0000,
    'title': -3.8192,
    'retrieval': 1.0408,
    'followup': -2.5037,
}
REFUSE_AT = 0.65
