#!/usr/bin/env python3
"""Draws synthetic photographs with Pillow: nothing here is a real photo.

usage: make_photos.py example SITE_DIR      the example site's three photos (drawn scenes)
       make_photos.py bench COUNT OUT_DIR [WIDTH HEIGHT]
                                            COUNT abstract 3000x2000 JPEGs for the benchmark

Scene i of the benchmark depends only on i, so a smaller set is a prefix of a larger one.
"""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter


def sky(draw, width, height, top, bottom, horizon):
    for y in range(horizon):
        t = y / max(1, horizon - 1)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))


def wheat(width=2400, height=1600):
    """A wheat field under a late-afternoon sky, a combine harvester and a line of trees."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.45)
    sky(draw, width, height, (120, 170, 220), (250, 215, 160), horizon)
    draw.ellipse([width * 0.72, horizon * 0.35, width * 0.8, horizon * 0.35 + width * 0.08], fill=(255, 236, 180))
    rng = random.Random(7)
    for x in range(0, width, 60):
        r = rng.randint(30, 55)
        draw.ellipse([x - r, horizon - r * 1.6, x + r, horizon + 10], fill=(70, 100, 60))
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=(int(215 - 40 * t), int(175 - 50 * t), int(80 - 40 * t)))
    for _ in range(9000):
        x = rng.randrange(width)
        y = rng.randrange(horizon + 10, height)
        length = 8 + (y - horizon) // 18
        draw.line([(x, y), (x + rng.randint(-3, 3), y - length)], fill=(240, 200, 110) if rng.random() < 0.5 else (180, 130, 50), width=2)
    # The harvester: a red body, a cab and a wide header.
    cx, cy = int(width * 0.3), int(horizon + (height - horizon) * 0.35)
    draw.rectangle([cx, cy - 160, cx + 360, cy], fill=(190, 40, 35))
    draw.rectangle([cx + 220, cy - 260, cx + 330, cy - 160], fill=(160, 200, 220), outline=(60, 30, 30), width=8)
    draw.rectangle([cx - 180, cy - 40, cx + 40, cy + 10], fill=(120, 30, 25))
    for wx in (cx + 70, cx + 290):
        draw.ellipse([wx - 70, cy - 60, wx + 70, cy + 80], fill=(30, 30, 30))
        draw.ellipse([wx - 28, cy - 18, wx + 28, cy + 38], fill=(150, 150, 150))
    return image.filter(ImageFilter.SMOOTH)


def solar(width=2400, height=1600):
    """Rows of solar panels on a desert plain, in perspective."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.38)
    sky(draw, width, height, (70, 130, 210), (200, 225, 245), horizon)
    draw.polygon([(0, horizon), (width * 0.25, horizon - 90), (width * 0.5, horizon - 30), (width * 0.8, horizon - 120), (width, horizon)], fill=(170, 140, 120))
    draw.rectangle([0, horizon, width, height], fill=(214, 184, 140))
    vanish = (width * 0.55, horizon - 40)
    for row in range(9):
        near = horizon + 60 + row * row * 14 + row * 40
        depth = (near - horizon) / (height - horizon)
        panel_h = 20 + 110 * depth
        for col in range(-12, 13):
            x0 = vanish[0] + (col * 150 - 75) * (0.2 + depth * 1.6)
            x1 = x0 + 130 * (0.2 + depth * 1.6)
            draw.polygon([(x0, near), (x1, near), (x1 + 10 * depth, near - panel_h), (x0 + 10 * depth, near - panel_h)], fill=(25, 45, 95))
            draw.line([(x0 + 4, near - panel_h / 2), (x1, near - panel_h / 2)], fill=(90, 120, 180), width=max(1, int(3 * depth)))
            draw.line([((x0 + x1) / 2, near), ((x0 + x1) / 2, near + 18 * depth)], fill=(90, 90, 90), width=max(1, int(6 * depth)))
    return image.filter(ImageFilter.SMOOTH)


def port(width=2400, height=1600):
    """A quay at dusk: stacked containers, two cranes and the sea."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.5)
    sky(draw, width, height, (40, 50, 110), (240, 140, 90), horizon)
    for y in range(horizon, height):
        t = (y - horizon) / (height - horizon)
        draw.line([(0, y), (width, y)], fill=(int(40 + 30 * t), int(70 + 30 * t), int(110 + 20 * t)))
    draw.rectangle([0, int(height * 0.68), width, height], fill=(90, 90, 95))
    rng = random.Random(3)
    colours = [(200, 60, 40), (40, 110, 170), (220, 170, 40), (60, 140, 90), (150, 150, 150), (180, 90, 40)]
    base = int(height * 0.68)
    for stack in range(16):
        x = 80 + stack * 140
        for level in range(rng.randint(2, 6)):
            y = base - (level + 1) * 70
            draw.rectangle([x, y, x + 130, y + 66], fill=rng.choice(colours), outline=(30, 30, 30), width=3)
            for rib in range(x + 12, x + 130, 14):
                draw.line([(rib, y + 6), (rib, y + 60)], fill=(0, 0, 0), width=1)
    for cx in (int(width * 0.25), int(width * 0.7)):
        draw.rectangle([cx, base - 700, cx + 40, base], fill=(230, 200, 60))
        draw.rectangle([cx + 220, base - 700, cx + 260, base], fill=(230, 200, 60))
        draw.rectangle([cx - 200, base - 720, cx + 520, base - 680], fill=(230, 200, 60))
        draw.line([(cx + 20, base - 900), (cx - 200, base - 700)], fill=(200, 170, 50), width=10)
        draw.line([(cx + 20, base - 900), (cx + 520, base - 700)], fill=(200, 170, 50), width=10)
        draw.line([(cx + 300, base - 680), (cx + 300, base - 420)], fill=(40, 40, 40), width=4)
    return image.filter(ImageFilter.SMOOTH)


def abstract(index, width, height):
    """A random but deterministic composition of gradients, circles and bands (benchmark photos)."""
    rng = random.Random(index)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    a = [rng.randrange(256) for _ in range(3)]
    b = [rng.randrange(256) for _ in range(3)]
    for y in range(0, height, 4):
        t = y / height
        draw.rectangle([0, y, width, y + 4], fill=tuple(int(p + (q - p) * t) for p, q in zip(a, b)))
    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randint(40, 400)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    for _ in range(20):
        y = rng.randrange(height)
        draw.rectangle([0, y, width, y + rng.randint(5, 60)], fill=tuple(rng.randrange(256) for _ in range(3)))
    # Grain, so the JPEG weighs what a photo weighs.
    noise = Image.effect_noise((width // 4, height // 4), 40).resize((width, height)).convert("RGB")
    return Image.blend(image, noise, 0.15)


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "example":
        site = sys.argv[2]
        folder = os.path.join(site, "static", "images")
        os.makedirs(folder, exist_ok=True)
        wheat().save(os.path.join(folder, "wheat-harvest.jpg"), quality=80, optimize=True)
        port().save(os.path.join(folder, "latakia-quay.jpg"), quality=80, optimize=True)
        bundle = os.path.join(site, "content", "bulletins", "2026", "homs-solar-plant")
        os.makedirs(bundle, exist_ok=True)
        solar().save(os.path.join(bundle, "panels.jpg"), quality=80, optimize=True)
    elif len(sys.argv) >= 4 and sys.argv[1] == "bench":
        count, out = int(sys.argv[2]), sys.argv[3]
        width, height = (int(sys.argv[4]), int(sys.argv[5])) if len(sys.argv) >= 6 else (3000, 2000)
        os.makedirs(out, exist_ok=True)
        for index in range(count):
            path = os.path.join(out, f"photo-{index:05d}.jpg")
            if not os.path.exists(path):
                abstract(index, width, height).save(path, quality=85)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
