#!/usr/bin/env python3
"""Writes a deterministic corpus of fictional Arabic bulletins for benchmarks.

usage: make_corpus.py COUNT OUT_DIR [SEED]

Bulletin i depends only on (seed, i), so a smaller corpus is a prefix of a larger one. Bodies mix
Arabic with Latin words and both kinds of digits, and some have headings, lists, quotes and links.
"""
import os
import random
import sys

CITIES = ["دمشق", "حلب", "حمص", "حماة", "اللاذقية", "طرطوس", "الرقة", "دير الزور", "درعا", "بيروت",
          "طرابلس", "صيدا", "عمّان", "إربد", "الزرقاء", "القاهرة", "الإسكندرية", "بغداد", "البصرة", "الموصل"]
TAGS = ["اقتصاد", "زراعة", "طقس", "ثقافة", "رياضة", "صحة", "تعليم", "مياه", "طاقة", "نقل", "سياحة",
        "صناعة", "تجارة", "بيئة", "تقنية", "إسكان", "اتصالات", "شباب", "مرأة", "آثار", "موسيقى", "سينما"]
AGENCIES = ["وكالة نشرة", "نشرة الشام", "Nashra Wire"]
WORDS = ("أعلنت وزارة الزراعة اليوم عن بدء موسم الحصاد في المحافظة وسط توقعات بإنتاج وفير بعد "
         "هطولات مطرية جيدة خلال الشتاء الماضي وقال مدير المشروع إن العمل يسير وفق الخطة المقررة "
         "وإن الفرق الفنية تتابع التنفيذ ميدانياً بالتعاون مع المجالس المحلية والجمعيات الأهلية "
         "في المدينة والريف لتأمين الخدمات الأساسية للسكان وتحسين البنية التحتية").split()
LATIN = ["UNICEF", "km", "MW", "SMS", "PDF", "SolarTech", "GPS"]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(LATIN))
    if rng.random() < 0.3:
        number = str(rng.randint(2, 900))
        if rng.random() < 0.5:
            number = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        words.insert(rng.randrange(len(words)), number)
    return " ".join(words) + "."


def bulletin(seed, index):
    rng = random.Random(seed * 1_000_003 + index)
    year = 2019 + index % 6
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 11)))
    tags = rng.sample(TAGS, rng.randint(2, 4))
    lines = ["---", f"title: \"{title}\"", f"date: {year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00+03:00",
             f"location: {rng.choice(CITIES)}", f"agency: {rng.choice(AGENCIES)}", f"tags: [{', '.join(tags)}]"]
    if rng.random() < 0.5:
        lines.append(f"summary: \"{sentence(rng)}\"")
    if rng.random() < 0.05:
        lines.append("urgent: true")
    lines += ["---", ""]
    for paragraph in range(rng.randint(4, 10)):
        if paragraph == 2 and rng.random() < 0.3:
            lines += ["## " + " ".join(rng.choice(WORDS) for _ in range(4)), ""]
        if paragraph == 3 and rng.random() < 0.2:
            lines += ["- " + sentence(rng), "- " + sentence(rng), ""]
        if paragraph == 4 and rng.random() < 0.2:
            lines += ["> " + sentence(rng), ""]
        text = " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))
        if rng.random() < 0.1:
            text += " [التفاصيل](https://example.org/) و**المزيد**."
        lines += [text, ""]
    return f"{year}/{month:02d}/{index:06d}.md", "\n".join(lines)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count, out = int(sys.argv[1]), sys.argv[2]
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for index in range(count):
        path, text = bulletin(seed, index)
        target = os.path.join(out, "bulletins", path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as file:
            file.write(text)


if __name__ == "__main__":
    main()
