"""Oracle fixtures for src/features: scikit-learn TfidfVectorizer on a small fixed corpus.

Run once with the system Python that has scikit-learn (1.2):
    /usr/bin/python3 scripts/oracles/tfidf.py
Writes test/fixtures/tfidf-word.json, tfidf-char.json, tfidf-char-wb.json and
tfidf-char-wb-4-5.json (4–5 exercises sklearn's whole-short-word quirk). The corpus is already
lowercased (lowercase=False here) because Warden's vectoriser takes normalised text.
"""
import json
import os

import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer

CORPUS = [
    "free entry in 2 a wkly comp to win fa cup final tkts 21st may 2005.",
    "ok lar... joking wif u oni...",
    "urgent! you have won a £1,000 cash prize. call 09061701461 now!!",
    "win win win: claim your free prize at http://bit.ly/abc123 today",
    "hey, are we still on for dinner tonight? :)",
    "your paypal account is suspended. verify at https://evil.com/login",
    "click here click here click here",
    "naïve café résumé — déjà vu",
    "ünïcödé wörds and ßtrange ſpelling",
    "😀 emoji test 😀😀 with astral chars 𝐛𝐨𝐥𝐝",
    "numbers 123 4567 89.50 and 07700 900123",
    "a b c d e single letters only",
    "tab\tseparated\tand  double  spaces\n\nnewlines",
    "under_score snake_case __url__ tokens",
    "repeated repeated repeated repeated word",
    "",
    "!!!",
    "x",
    "日本語のテキスト 中文 한국어",
    "call me back when you get this, thanks",
]

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "test", "fixtures")


def dump(name, vectorizer):
    matrix = vectorizer.fit_transform(CORPUS)
    names = vectorizer.get_feature_names_out()
    rows = []
    for r in range(matrix.shape[0]):
        row = matrix.getrow(r)
        rows.append({names[c]: float(v) for c, v in zip(row.indices, row.data)})
    params = vectorizer.get_params()
    fixture = {
        "generator": "scripts/oracles/tfidf.py",
        "sklearn": sklearn.__version__,
        "params": {k: params[k] for k in ("analyzer", "ngram_range", "sublinear_tf", "norm", "min_df", "lowercase", "smooth_idf")},
        "corpus": CORPUS,
        "idf": {t: float(vectorizer.idf_[i]) for i, t in enumerate(names)},
        "rows": rows,
    }
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")
    print(name, len(names), "features")


os.makedirs(OUT, exist_ok=True)
dump("tfidf-word.json", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, norm="l2", min_df=1, lowercase=False))
dump("tfidf-char.json", TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True, norm="l2", min_df=1, lowercase=False))
dump("tfidf-char-wb.json", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, norm="l2", min_df=1, lowercase=False))
dump("tfidf-char-wb-4-5.json", TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 5), sublinear_tf=True, norm="l2", min_df=1, lowercase=False))
