"""Weights of the extractive answerer (rag/answer.py), written by
``bench/fit_answerer.py --write``; refit after changing a feature (rag/evidence.py).

Fitted 2026-11-26 on news-dev (93 questions) and SQuAD2 dev (250); its 58 left-out questions are
only scored. Out-of-fold, 10 folds, at REFUSE_AT: news-dev answered with a gold passage 0.829,
unanswerable refused 0.696; SQuAD2 dev answered with a gold passage 0.917, citation precision
0.941, unanswerable refused 0.256; left-out refused 0.345.
"""

# Listwise ranker over the cheap features: picks the short list.
SHORTLIST = {
    'lex': 2.7301,
    'static': 3.5248,
    'static_prev': 1.0912,
    'title': -1.5708,
    'question': -0.9741,
    'rank0': 0.7522,
    'gap': -3.4892,
    'type_miss': -1.6611,
    'types_missing': -1.6779,
    'unit': 2.6865,
    'names': -0.7772,
    'names_near': -0.6437,
    'name_conflict': -0.6564,
    'names_passage': 0.9344,
    'speaker_near': 0.0042,
    'quote': 0.5329,
    'quoted_before': 0.8384,
    'near_quoted': 0.3656,
}
# Listwise ranker over all features: the answer's sentence.
RANK = {
    'lex': 0.9418,
    'static': 1.3997,
    'static_prev': 1.3921,
    'title': -1.5835,
    'question': -1.1895,
    'rank0': 0.6855,
    'gap': -2.0388,
    'type_miss': -1.2288,
    'types_missing': -1.2504,
    'unit': 2.1446,
    'names': -1.1170,
    'names_near': -0.8694,
    'name_conflict': -0.7894,
    'names_passage': 0.5805,
    'speaker_near': 0.0031,
    'quote': 0.4112,
    'quoted_before': -0.2342,
    'near_quoted': 0.3798,
    'cos': 2.4542,
    'maxsim': 1.7532,
    'unmatched': -1.8825,
}
# Logistic model: probability that the best sentence does not answer.
REFUSE = {
    'bias': 5.2872,
    'score': -0.0628,
    'admissible_gap': 2.6602,
    'margin': -0.1299,
    'cos': -2.8283,
    'maxsim': -7.2172,
    'unmatched': -2.9830,
    'lex': -1.0203,
    'passage_lex': -1.0280,
    'type_miss': -0.5573,
    'types_missing': -0.5573,
    'names_sentence': 1.6083,
    'names_near': -0.6357,
    'name_conflict': 0.7018,
    'names_any': 0.0000,
    'title': -3.6907,
    'retrieval': 1.0954,
    'followup': -2.3942,
}
REFUSE_AT = 0.70
