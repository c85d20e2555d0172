#!/usr/bin/env python3
"""Draws the sample campaign creatives in sample-assets/ with ImageMagick and tags them with exiftool.

Why a script: the samples are the project's own work, so anyone can see how each file was made, change a
variant and regenerate the lot. The output is committed, so the demo and tests never need ImageMagick.

Usage: scripts/make-sample-assets.py [OUTPUT_DIR]   (default: sample-assets/ beside scripts/)

Needs the real ImageMagick (`magick` of version 7, or `convert` of version 6), exiftool and the DejaVu fonts
(Debian: apt-get install imagemagick libimage-exiftool-perl fonts-dejavu-core). Only the standard library.

Determinism: no random call without a fixed seed, no dates written (`-strip`, PNG date chunks excluded,
the XMP toolkit string removed), one ImageMagick thread. With the same ImageMagick, libpng, libjpeg, libwebp,
FreeType and exiftool versions a rerun gives byte-identical files; other versions may differ in bytes
(compression, font rasterising) but not in content.
"""

from __future__ import annotations

import json
import math
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path("/usr/local/share/fonts")]
MAX_BYTES = 150 * 1024
# One thread: parallel resampling and blurs could otherwise round differently from run to run.
MAGICK_ENV = dict(os.environ, MAGICK_THREAD_LIMIT="1", OMP_NUM_THREADS="1", LC_ALL="C")


def fail(message: str) -> None:
    sys.exit(f"make-sample-assets: {message}")


def find_magick() -> list[str]:
    """The command that runs the real ImageMagick, verified by its version banner.

    Why the check: some machines carry a stand-in `convert` earlier on PATH that handles only a couple of
    conversions, and drawing with it would fail halfway or produce wrong files.
    """
    candidates: list[list[str]] = []
    if os.environ.get("MAGICK"):
        candidates.append([os.environ["MAGICK"]])
    if shutil.which("magick"):
        candidates.append([shutil.which("magick")])
    for path in ("/usr/bin/convert-im6.q16", "/usr/bin/convert", "/opt/homebrew/bin/magick"):
        if os.path.exists(path):
            candidates.append([path])
    if shutil.which("convert"):
        candidates.append([shutil.which("convert")])
    tried = []
    for cmd in candidates:
        try:
            out = subprocess.run(cmd + ["-version"], capture_output=True, text=True, timeout=20).stdout
        except (OSError, subprocess.TimeoutExpired):
            continue
        tried.append(cmd[0])
        first = out.splitlines()[0] if out else ""
        if first.startswith("Version: ImageMagick"):
            return cmd
    fail(
        "the real ImageMagick was not found (tried: "
        + (", ".join(tried) or "nothing on PATH")
        + "). Install it: apt-get install -y imagemagick (or set MAGICK=/path/to/magick)."
    )
    raise AssertionError


def find_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if not path:
        fail(f"`{name}` was not found on PATH. Install it: apt-get install -y {package}")
    return path


def find_font(name: str) -> str:
    for d in FONT_DIRS:
        p = d / name
        if p.exists():
            return str(p)
    fail(f"font {name} was not found in {', '.join(map(str, FONT_DIRS))}. Install it: apt-get install -y fonts-dejavu-core")
    raise AssertionError


MAGICK: list[str] = []
EXIFTOOL = ""
BOLD = ""
REGULAR = ""


# ---------------------------------------------------------------------------------------------------------
# Drawing helpers: each returns ImageMagick arguments that act on the current image.
# ---------------------------------------------------------------------------------------------------------


def draw(fill: str, primitive: str, stroke: str = "none", width: float = 0) -> list[str]:
    return ["-fill", fill, "-stroke", stroke, "-strokewidth", str(width), "-draw", primitive]


_widths: dict[tuple[str, str], int] = {}


def fitted(words: str, font: str, size: int, max_width: int) -> int:
    """The largest point size up to `size` at which `words` stays within `max_width` pixels.

    Why: copy must never run off the canvas (it would read as cut words to OCR), and glyph widths differ
    between font builds, so the width is measured rather than guessed. Width grows linearly with size.
    """
    key = (words, font)
    if key not in _widths:
        out = subprocess.run(MAGICK + ["-font", font, "-pointsize", "100", f"label:{words}", "-format", "%w", "info:"],
                             capture_output=True, text=True, env=MAGICK_ENV)
        if out.returncode != 0 or not out.stdout.strip().isdigit():
            fail(f"measuring the text {words!r} failed: {out.stderr.strip()}")
        _widths[key] = int(out.stdout.strip())
    return min(size, int(100 * max_width / _widths[key]))


def text(x: int, y: int, words: str, size: int, fill: str, font: str | None = None, gravity: str = "NorthWest",
         width: int | None = None) -> list[str]:
    """Text with its top-left corner at x,y (or offset from the gravity edge), shrunk to fit `width` if given."""
    font = font or BOLD
    if width:
        size = fitted(words, font, size, width)
    return [
        "-gravity", gravity, "-font", font, "-pointsize", str(size), "-fill", fill, "-stroke", "none",
        "-annotate", f"+{x}+{y}", words, "-gravity", "NorthWest",
    ]


def wave_path(y: float, amplitude: float, period: float, width: int, bottom: int | None = None) -> str:
    """An SVG path of a sine-like wave across the image, closed to `bottom` when given (a filled sea band)."""
    half = period / 2
    parts = [f"M 0,{y:.0f}", f"Q {half / 2:.0f},{y - amplitude:.0f} {half:.0f},{y:.0f}"]
    x = half
    while x < width:
        x += half
        parts.append(f"T {x:.0f},{y:.0f}")
    if bottom is not None:
        parts += [f"L {x:.0f},{bottom}", f"L 0,{bottom}", "Z"]
    return "path '" + " ".join(parts) + "'"


def snowflake(cx: float, cy: float, r: float, colour: str, width: float) -> list[str]:
    """A six-armed snowflake of lines, with two side branches on each arm."""
    args: list[str] = []
    for k in range(6):
        a = math.radians(60 * k - 90)
        ex, ey = cx + r * math.cos(a), cy + r * math.sin(a)
        args += draw("none", f"line {cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}", colour, width)
        for t, blen in ((0.55, 0.3), (0.8, 0.18)):
            bx, by = cx + r * t * math.cos(a), cy + r * t * math.sin(a)
            for side in (-1, 1):
                b = a + side * math.radians(45)
                args += draw("none", f"line {bx:.1f},{by:.1f} {bx + r * blen * math.cos(b):.1f},{by + r * blen * math.sin(b):.1f}", colour, width)
    return args


def flurries(seed: int, count: int, w: int, h: int, colour: str, rmin: float, rmax: float,
             avoid: tuple[int, int, int, int] | None = None) -> list[str]:
    """Scattered round snow dots, none inside `avoid` (x0, y0, x1, y1: the copy); a fixed seed keeps reruns identical."""
    rnd = random.Random(seed)
    args: list[str] = ["-fill", colour, "-stroke", "none"]
    for _ in range(count):
        x, y = rnd.random() * w, rnd.random() * h
        r = rmin + rnd.random() * (rmax - rmin)
        if avoid and avoid[0] - r <= x <= avoid[2] + r and avoid[1] - r <= y <= avoid[3] + r:
            continue
        args += ["-draw", f"circle {x:.1f},{y:.1f} {x + r:.1f},{y:.1f}"]
    return args


def stars(seed: int, count: int, w: int, h: int, colour: str = "#fdfdfd",
          avoid: tuple[int, int, int, int] | None = None) -> list[str]:
    return flurries(seed, count, w, h, colour, 0.8, 2.2, avoid)


def phone(x: int, y: int, w: int, h: int, body: str, screen: str, stroke: str | None = None) -> list[str]:
    """A phone outline: a rounded body, a screen and a speaker slot."""
    args = draw(body, f"roundrectangle {x},{y} {x + w},{y + h} {w // 8},{w // 8}", stroke or "none", 6 if stroke else 0)
    m = w // 14
    args += draw(screen, f"roundrectangle {x + m},{y + m * 3} {x + w - m},{y + h - m * 3} {m},{m}")
    args += draw(stroke or "#333333", f"roundrectangle {x + w * 0.38:.0f},{y + m * 1.2:.0f} {x + w * 0.62:.0f},{y + m * 1.9:.0f} 4,4")
    return args


def layer(w: int, h: int, inner: list[str], blur: float | None = None, x: int = 0, y: int = 0) -> list[str]:
    """Draws `inner` on a transparent layer (optionally blurred) and lays it over the current image."""
    args = ["(", "-size", f"{w}x{h}", "xc:none", *inner]
    if blur:
        args += ["-channel", "RGBA", "-blur", f"0x{blur}", "+channel"]
    return args + [")", "-geometry", f"+{x}+{y}", "-compose", "Over", "-composite"]


# ---------------------------------------------------------------------------------------------------------
# The creatives. Each entry: file name, canvas arguments, embedded metadata and an optional sidecar.
# ---------------------------------------------------------------------------------------------------------


def summer_sale() -> list[dict]:
    out = []

    # Warm orange/red sunset over the sea: the sun-seeker's pick. Some text, XMP keywords incl. "staycation".
    w, h = 1200, 480
    out.append({
        "file": "beach-sunset-header.jpg",
        "args": ["-size", f"{w}x{h}", "gradient:#e63946-#ffb347",
                 *draw("#ffe066", "circle 860,320 860,195"),
                 *draw("#ff7b39", "rectangle 0,320 1200,480"),
                 *sum((draw("#ffd166", f"rectangle {860 - s},{330 + i * 14} {860 + s},{335 + i * 14}") for i, s in enumerate((120, 95, 70, 50, 32))), []),
                 *draw("none", wave_path(372, 12, 160, w), "#d9481f", 5),
                 *draw("none", wave_path(400, 10, 120, w), "#e85d2a", 4),
                 *draw("#f6c177", "path 'M 0,440 Q 300,410 600,432 T 1200,428 L 1200,480 L 0,480 Z'"),
                 *text(60, 80, "SUMMER SALE", 84, "#fff8ec"),
                 *text(64, 188, "Up to 50% off beachwear", 40, "#fff8ec")],
        "xmp": {"subject": ["beach", "summer", "tone:warm", "staycation"],
                "title": "Summer sale sunset header",
                "description": "Email header: the sun setting over a warm orange sea, with the summer sale headline."},
    })

    # Red and yellow leaderboard, all copy: the deal-hunter's pick. Sidecar tags.
    w, h = 728, 90
    out.append({
        "file": "sale-50-off-banner.png",
        "colors": 16,
        "args": ["-size", f"{w}x{h}", "xc:#d62828",
                 *text(24, 20, "SUMMER SALE 50% OFF", 48, "#ffd60a", width=500),
                 *draw("#ffffff", "rectangle 548,14 716,76"),
                 *text(562, 29, "SHOP NOW", 30, "#d62828", width=140)],
        "sidecar": {"title": "Summer sale 50% off leaderboard", "campaign": "summer-sale",
                    "alt_text": "Red banner: Summer sale, 50% off, shop now",
                    "tags": ["sale", "clearance", "bold"], "facets": {"tone": ["high contrast", "energetic"]}},
    })

    # Black and white block of copy: text heavy, stark. Deal-hunter's second choice.
    w, h = 1080, 1080
    lines = ["Swimwear, sandals", "and sunglasses", "Free delivery over 30", "Sale ends Sunday"]
    body: list[str] = []
    for i, line in enumerate(lines):
        body += text(80, 400 + i * 100, line, 76, "#111111", REGULAR, width=920)
    out.append({
        "file": "summer-deals-copy-square.png",
        "colors": 8,
        "args": ["-size", f"{w}x{h}", "xc:#ffffff",
                 *draw("#111111", "rectangle 0,0 1080,330"),
                 *text(80, 60, "SUMMER SALE", 138, "#ffffff", width=920),
                 *text(84, 225, "50% OFF EVERYTHING", 66, "#ffffff", width=920),
                 *body,
                 *draw("#111111", "rectangle 80,860 620,1000"),
                 *text(120, 890, "SHOP NOW", 72, "#ffffff", width=460)],
        "xmp": {"subject": ["sale", "summer", "monochrome", "format:text heavy"],
                "description": "A black and white square of sale copy: summer sale, 50% off everything."},
    })

    # Pastel pink and mint beach with a striped parasol, no text: the minimalist's pick.
    w, h = 1080, 1350
    parasol = []
    cx, cy, r = 560, 760, 300
    stripes = ["#f7c5d3", "#ffffff", "#bfe6d6", "#ffffff", "#f7c5d3", "#ffffff"]
    for i, colour in enumerate(stripes):
        a0, a1 = 180 + i * 30, 180 + (i + 1) * 30
        pts = [(cx, cy)] + [(cx + r * math.cos(math.radians(a)), cy + r * math.sin(math.radians(a))) for a in range(a0, a1 + 1, 5)]
        parasol += draw(colour, "polygon " + " ".join(f"{x:.0f},{y:.0f}" for x, y in pts), "#e8a7ba", 2)
    out.append({
        "file": "pastel-parasol-portrait.webp",
        "args": ["-size", f"{w}x{h}", "gradient:#fde2e4-#e2f0eb",
                 *draw("#fff3b0", "circle 820,260 820,170"),
                 *draw("#f6ead7", "rectangle 0,960 1080,1350"),
                 *draw("#cfe9e0", "path 'M 0,930 Q 270,900 540,930 T 1080,930 L 1080,975 L 0,975 Z'"),
                 *draw("#c9a98a", f"line {cx},{cy} {cx + 40},{1150}", "#c9a98a", 12),
                 *parasol,
                 *draw("#f7c5d3", "roundrectangle 240,1120 520,1170 20,20")],
        "sidecar": {"title": "Pastel parasol", "campaign": "summer-sale",
                    "alt_text": "A striped parasol on an empty pastel beach",
                    "tags": ["family", "beach"], "facets": {"theme": ["summer"], "tone": ["minimal", "calm"]}},
    })

    # Dark purple synthwave night: neon sun, perspective grid. Gamer's pick. Sidecar tag "retro wave".
    w, h = 1200, 800
    horizon = 500
    grid: list[str] = []
    for i in range(-12, 13):
        grid += draw("none", f"line 600,{horizon} {600 + i * 130},{h}", "#ff2fb9", 2)
    y, step = horizon + 8, 10.0
    while y < h:
        grid += draw("none", f"line 0,{y:.0f} {w},{y:.0f}", "#ff2fb9", 2)
        step *= 1.35
        y += step
    sun = ["(", "-size", "320x320", "gradient:#ffd319-#ff2975",
           "(", "-size", "320x320", "xc:black", *draw("white", "circle 160,160 160,0"),
           *sum((draw("black", f"rectangle 0,{170 + k * 32} 320,{170 + k * 32 + 6 + k * 3}") for k in range(5)), []),
           ")", "-alpha", "off", "-compose", "CopyOpacity", "-composite", ")",
           "-geometry", f"+440+{horizon - 240}", "-compose", "Over", "-composite"]
    out.append({
        "file": "retro-wave-night-landscape.png",
        "colors": 48,
        "args": ["-size", f"{w}x{h}", "gradient:#0d0221-#3a0ca3",
                 *stars(11, 90, w, horizon, avoid=(260, 40, 940, 200)),
                 *sun,
                 *draw("#12002b", f"rectangle 0,{horizon} {w},{h}"),
                 *grid,
                 *draw("#1b0640", f"polygon 0,{horizon} 140,{horizon - 70} 260,{horizon - 20} 380,{horizon - 90} 520,{horizon}"),
                 *draw("#1b0640", f"polygon 700,{horizon} 820,{horizon - 60} 960,{horizon - 110} 1100,{horizon - 40} 1200,{horizon - 70} 1200,{horizon}"),
                 *text(0, 40, "NIGHT SALE", 84, "#2de2e6", gravity="North"),
                 *text(0, 150, "Summer nights. Neon deals.", 40, "#f1e9ff", REGULAR, gravity="North")],
        "sidecar": {"title": "Neon night sale", "campaign": "summer-sale",
                    "description": "Retro synthwave night scene for the late-night summer sale.",
                    "alt_text": "A neon sun setting over a purple grid, with the words Night sale",
                    "tags": ["retro wave", "music", "moody"], "facets": {"tone": ["dark"]}},
    })

    # Cool teal waves in a skyscraper, an animated GIF (two frames): cool, calm. Sidecar typo "turquise"
    # (in the sidecar because libvips does not expose a GIF's XMP, so the ingest may never see it there).
    w, h = 160, 600
    frames = []
    for f in range(2):
        shift = f * 20
        bands = []
        for i, colour in enumerate(("#48cae4", "#00b4d8", "#0096c7", "#0077b6", "#023e8a")):
            y0 = 250 + i * 70 + (shift if i % 2 else -shift) // 2
            bands += draw(colour, wave_path(y0, 14, 80 + i * 8, w, h))
        frames.append(["(", "-size", f"{w}x{h}", "gradient:#a9dcf2-#87ceeb", *draw("#ffffff", "circle 110,90 110,60"),
                       *bands, *text(0, 160, "SPLASH", 34, "#03045e", gravity="North"), ")"])
    out.append({
        "file": "splash-waves-skyscraper.gif",
        "colors": 16,
        "frames": frames,
        "xmp": {"subject": ["summer", "tone:cool"],
                "description": "Animated skyscraper of rolling turquoise waves."},
        "sidecar": {"title": "Splash", "campaign": "summer-sale",
                    "alt_text": "Turquoise waves rolling under a white sun, with the word Splash",
                    "tags": ["turquise"], "facets": {"tone": ["calm", "cool"]}},
    })
    return out


def winter_getaway() -> list[dict]:
    out = []

    # Blue sky, white-capped mountains, snowflakes: snow-lover's pick. XMP incl. "Après-Ski" (diacritics).
    w, h = 970, 250
    out.append({
        "file": "ski-mountain-banner.png",
        "colors": 32,
        "args": ["-size", f"{w}x{h}", "gradient:#3a86c8-#d6eefa",
                 *draw("#6c8eb0", "polygon 560,250 700,90 780,170 860,60 970,180 970,250"),
                 *draw("#ffffff", "polygon 675,118 700,90 725,118 712,112 700,124 688,114"),
                 *draw("#ffffff", "polygon 822,102 860,60 896,100 878,94 862,108 844,96"),
                 *draw("#4f6d8f", "polygon 520,250 640,140 700,190 760,150 900,250"),
                 *draw("#ffffff", "polygon 614,164 640,140 666,164 652,158 640,170 627,160"),
                 *draw("#f1f7fc", "path 'M 0,225 Q 240,195 480,222 T 970,218 L 970,250 L 0,250 Z'"),
                 *flurries(23, 40, w, h, "#ffffff", 1.5, 3.5, avoid=(20, 40, 560, 170)),
                 *snowflake(930, 40, 24, "#ffffff", 3),
                 *text(34, 58, "Book your winter escape", 40, "#0b2545", width=500),
                 *text(36, 120, "Ski chalets in the Alps", 26, "#13315c", REGULAR, width=480)],
        "xmp": {"subject": ["ski", "mountains", "winter", "Après-Ski", "wintter sports"],
                "title": "Winter escape leaderboard",
                "description": "Snowy alpine peaks under a clear blue sky with falling snow."},
    })

    # Night cabin with glowing windows: cosy, warm against cold. Sidecar with "cozy" spelling.
    w, h = 1200, 480
    out.append({
        "file": "cosy-cabin-email-header.jpg",
        "args": ["-size", f"{w}x{h}", "gradient:#0b1d3a-#274c77",
                 *stars(31, 120, w, 300, avoid=(20, 50, 740, 270)),
                 *draw("#f0f4f8", "circle 1080,80 1080,50"),
                 *draw("#1d3557", "polygon 0,330 200,180 380,300 560,160 760,320 0,380"),
                 *draw("#e8eef5", "path 'M 0,360 Q 300,320 600,350 T 1200,340 L 1200,480 L 0,480 Z'"),
                 *draw("#6b3e26", "polygon 760,390 760,290 860,220 960,290 960,390"),
                 *draw("#f8fbff", "polygon 745,295 860,208 975,295 960,300 860,228 760,300"),
                 *draw("#ffb347", "rectangle 785,310 835,355"),
                 *draw("#ffb347", "rectangle 885,310 935,355"),
                 *draw("#3b2416", "rectangle 840,330 880,390"),
                 *draw("#2f4f3a", "polygon 1010,400 1050,280 1090,400"),
                 *draw("#2f4f3a", "polygon 1080,410 1125,300 1170,410"),
                 *text(60, 80, "Cosy cabins", 88, "#ffe8c2"),
                 *text(64, 190, "Winter breaks from 99", 44, "#ffe8c2", REGULAR)],
        "sidecar": {"title": "Cosy cabin header", "campaign": "winter-getaway",
                    "alt_text": "A snowy cabin at night with warm lit windows",
                    "tags": ["cozy", "family", "winter", "holiday season"], "facets": {"tone": ["calm"]}},
    })

    # Red and white text-heavy sale square: deal-hunter's pick.
    w, h = 1080, 1080
    out.append({
        "file": "winter-sale-square.jpg",
        "args": ["-size", f"{w}x{h}", "xc:#c1121f",
                 *snowflake(860, 340, 110, "#ffffff", 10),
                 *text(70, 90, "WINTER", 170, "#ffffff"),
                 *text(70, 270, "SALE", 170, "#ffffff"),
                 *text(70, 490, "UP TO 40% OFF", 110, "#ffd60a", width=940),
                 *text(72, 680, "Ski jackets, boots", 64, "#ffffff", REGULAR),
                 *text(72, 770, "and goggles", 64, "#ffffff", REGULAR),
                 *text(72, 900, "Ends Friday. Shop now", 64, "#ffffff")],
        "xmp": {"subject": ["sale", "clearance", "winter", "tone:bold"],
                "description": "Red and white winter sale square: up to 40% off ski gear."},
    })

    # Near-white frost with one pale snowflake, no text: the minimalist's pick.
    w, h = 1080, 1350
    out.append({
        "file": "frosty-snowflake-portrait.webp",
        "args": ["-size", f"{w}x{h}", "gradient:#ffffff-#e6ebf0",
                 *snowflake(540, 640, 300, "#a9c6de", 14),
                 *draw("#a9c6de", "circle 540,640 540,615")],
        "sidecar": {"title": "Frost", "campaign": "winter-getaway",
                    "alt_text": "A single pale blue snowflake on white",
                    "tags": ["winter", "snow"], "facets": {"tone": ["minimal", "calm", "elegant"]}},
    })

    # Aurora over black peaks: dark, moody, green and purple, no text. Gamer's pick.
    w, h = 1200, 800
    aurora = (draw("none", "path 'M -50,260 C 200,120 420,300 640,170 S 1000,90 1260,200'", "#2ee59d", 60)
              + draw("none", "path 'M -50,180 C 260,60 500,240 760,110 S 1080,60 1260,120'", "#9b30e8", 50)
              + draw("none", "path 'M 100,330 C 300,220 520,330 760,240 S 1040,200 1220,260'", "#19c3b0", 30))
    out.append({
        "file": "northern-lights-landscape.jpg",
        "args": ["-size", f"{w}x{h}", "gradient:#050816-#0b132b",
                 *stars(47, 200, w, 560),
                 *layer(w, h, aurora, blur=28, y=60),
                 *draw("#02040a", "polygon 0,800 0,600 160,500 300,610 470,470 640,620 800,520 960,630 1080,550 1200,600 1200,800"),
                 *draw("#0a1022", "path 'M 0,730 Q 300,710 600,730 T 1200,725 L 1200,800 L 0,800 Z'")],
        "xmp": {"subject": ["northern lights", "nature", "mountains", "tone:moody"],
                "description": "Green and violet aurora over dark mountain silhouettes."},
    })

    # Winter sun: warm orange sky, palm, turquoise sea. Sun-seeker's pick. IPTC keywords plus "winter sun".
    w, h = 1080, 1350
    fronds = []
    tx, ty = 300, 560
    for ang, length in ((200, 260), (230, 240), (260, 200), (300, 230), (330, 260), (0, 240), (170, 220)):
        a = math.radians(ang)
        ex, ey = tx + length * math.cos(a), ty + length * math.sin(a) + 60
        nx, ny = -math.sin(a) * 26, math.cos(a) * 26
        mx, my = (tx + ex) / 2, (ty + ey) / 2 - 40
        fronds += draw("#2d6a4f", f"polygon {tx},{ty} {mx + nx:.0f},{my + ny:.0f} {ex:.0f},{ey:.0f} {mx - nx:.0f},{my - ny:.0f}")
    out.append({
        "file": "winter-sun-beach-portrait.jpg",
        "args": ["-size", f"{w}x{h}", "gradient:#f77f00-#ffd29d",
                 *draw("#fff3c4", "circle 760,520 760,400"),
                 *draw("#2ec4b6", "rectangle 0,820 1080,1050"),
                 *draw("none", wave_path(880, 10, 140, w), "#cbf3f0", 5),
                 *draw("none", wave_path(960, 10, 110, w), "#cbf3f0", 4),
                 *draw("#f2cc8f", "path 'M 0,1040 Q 270,1000 540,1040 T 1080,1030 L 1080,1350 L 0,1350 Z'"),
                 *draw("#8d5524", f"path 'M 312,1120 Q 240,840 {tx - 8},{ty} L {tx + 8},{ty} Q 270,840 346,1120 Z'"),
                 *fronds,
                 *text(0, 110, "Winter sun", 120, "#5a1e02", gravity="North"),
                 *text(0, 260, "Escape to the Canaries", 56, "#7f2b0a", gravity="North"),
                 *text(0, 1190, "7 nights from 399", 60, "#7f2b0a", gravity="North")],
        "iptc": ["beach", "travel", "winter sun", "tone:warm", "tone:vibrant"],
        "xmp": {"description": "A palm tree on a warm beach under an orange winter sky."},
    })
    return out


def app_launch() -> list[dict]:
    out = []

    # Cool blue/teal gradient with a phone: "Download the app". Snow-lover's pick by colour and coolness.
    w, h = 1080, 1080
    screen_bits = (draw("#90e0ef", "roundrectangle 440,430 640,500 12,12")
                   + draw("#caf0f8", "roundrectangle 440,520 640,560 8,8")
                   + draw("#caf0f8", "roundrectangle 440,580 600,620 8,8")
                   + draw("#00b4d8", "circle 540,740 540,700"))
    out.append({
        "file": "download-app-phone-square.png",
        "colors": 64,
        "args": ["-size", f"{w}x{h}", "gradient:#00b4d8-#03045e",
                 *text(0, 70, "Download the app", 92, "#ffffff", gravity="North"),
                 *text(0, 195, "Available on iOS and Android", 42, "#caf0f8", REGULAR, gravity="North"),
                 *phone(410, 320, 260, 520, "#0b2545", "#ffffff", "#ffffff"),
                 *screen_bits,
                 *draw("none", "circle 230,820 230,700", "#48cae4", 6),
                 *draw("none", "circle 860,520 860,440", "#48cae4", 6)],
        "sidecar": {"title": "Download the app", "campaign": "app-launch",
                    "alt_text": "A phone on a blue gradient, with the words Download the app",
                    "tags": ["mobile app", "technology"], "facets": {"tone": ["professional", "cool"]}},
    })

    # Dark neon gaming landscape: gamer's pick. Drawn on a 1200x628 stage centred on a 3:2 canvas.
    w, h = 1200, 800
    sw, sh = 1200, 628
    pad = (draw("none", "roundrectangle 720,250 1080,470 90,90", "#ff2fb9", 8)
           + draw("none", "line 790,360 870,360", "#2de2e6", 10)
           + draw("none", "line 830,320 830,400", "#2de2e6", 10)
           + draw("#2de2e6", "circle 960,330 960,312")
           + draw("#ff2fb9", "circle 1010,380 1010,362"))
    tris = []
    for i, (x, y, s, c) in enumerate(((80, 520, 90, "#7b2ff7"), (620, 90, 60, "#ff2fb9"), (1100, 120, 70, "#2de2e6"), (560, 560, 50, "#7b2ff7"))):
        tris += draw("none", f"polygon {x},{y} {x + s},{y} {x + s // 2},{y - s}", c, 5)
    out.append({
        "file": "night-mode-gaming-landscape.png",
        "colors": 48,
        "args": ["-size", f"{w}x{h}", "xc:#2a0a52",
                 *layer(sw, sh, [*layer(sw, sh, pad, blur=10), *pad, *tris,
                                 *text(70, 190, "LEVEL UP", 120, "#2de2e6"),
                                 *text(76, 350, "Play free tonight", 54, "#f1e9ff", REGULAR)], y=(h - sh) // 2)],
        "xmp": {"subject": ["gaming", "mobile app", "neon", "tone:moody"],
                "title": "Level up",
                "description": "Neon game controller on a dark purple background."},
    })

    # Yellow, red and black offer copy: text heavy, bold. Deal-hunter's pick.
    w, h = 1200, 480
    out.append({
        "file": "launch-offer-email-header.png",
        "colors": 16,
        "args": ["-size", f"{w}x{h}", "xc:#ffd60a",
                 *draw("#d62828", "rectangle 0,0 1200,150"),
                 *text(50, 25, "LAUNCH OFFER", 100, "#ffffff"),
                 *text(50, 180, "30% OFF PREMIUM", 92, "#111111"),
                 *text(52, 310, "First month free. Cancel anytime.", 48, "#111111", REGULAR),
                 *draw("#111111", "roundrectangle 50,390 380,455 14,14"),
                 *text(80, 400, "GET THE APP", 40, "#ffd60a")],
        "sidecar": {"title": "Launch offer", "campaign": "app-launch",
                    "alt_text": "Yellow and red email header: launch offer, 30% off premium",
                    "tags": ["promo", "discount", "mobile app"], "facets": {"tone": ["bold", "energetic"]}},
    })

    # White space with one soft app icon, no text: minimalist's pick.
    w, h = 1080, 1350
    out.append({
        "file": "minimal-tile-portrait.webp",
        "args": ["-size", f"{w}x{h}", "xc:#fafafa",
                 *layer(w, h, draw("#e4e8ee", "roundrectangle 400,540 700,840 70,70"), blur=18, x=0, y=14),
                 *draw("#e3f0fb", "roundrectangle 390,525 690,825 70,70"),
                 *draw("none", "circle 540,675 540,605", "#9ec5e8", 14),
                 *draw("#9ec5e8", "circle 540,675 540,650")],
        "xmp": {"subject": ["technology", "mobile app", "tone:minimal", "tone:calm"],
                "description": "A single soft blue app icon on white."},
    })

    # Warm orange phone with a beach on screen: sun-seeker's pick. A 1200x628 stage on a 3:2 canvas.
    w, h = 1200, 800
    sw, sh = 1200, 628
    screen = (draw("#ffd166", "circle 910,250 910,210")
              + draw("#2ec4b6", "rectangle 822,300 998,420")
              + draw("#f2cc8f", "rectangle 822,420 998,500"))
    out.append({
        "file": "summer-trips-app-landscape.jpg",
        "args": ["-size", f"{w}x{h}", "gradient:#ff9e00-#e85d04",
                 *draw("#ffb703", f"circle 140,{h} 140,{h - 150}"),
                 *layer(sw, sh, [*phone(800, 120, 220, 440, "#3d1f0a", "#ffe8c2"), *screen,
                                 *text(60, 150, "Plan your", 88, "#ffffff"),
                                 *text(60, 260, "summer trips", 88, "#ffffff"),
                                 *text(64, 390, "New app. Beaches, flights, deals.", 38, "#3d1f0a", REGULAR)],
                        y=(h - sh) // 2)],
        "sidecar": {"title": "Plan your summer trips", "campaign": "app-launch",
                    "alt_text": "A phone showing a beach on a warm orange background",
                    "tags": ["travel", "Seaside", "mobile app"], "facets": {"theme": ["summer"], "tone": ["vibrant", "playful"]}},
    })

    # The app's own icon at icon size: teal and white, no words.
    w, h = 128, 128
    out.append({
        "file": "app-icon-128.png",
        "colors": 16,
        "args": ["-size", f"{w}x{h}", "xc:#ffffff",
                 *draw("#0096c7", "roundrectangle 4,4 123,123 28,28"),
                 *draw("none", "roundrectangle 44,24 84,104 8,8", "#ffffff", 6),
                 *draw("#ffffff", "circle 64,92 64,88")],
    })
    return out


# ---------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------


def encode_options(path: Path, colors: int | None) -> tuple[list[str], str]:
    """Output options and the output spec for the file's format; none of them writes a date."""
    ext = path.suffix.lower()
    common = ["-strip"]
    if ext == ".png":
        opts = common + ["-define", "png:exclude-chunks=date,time", "-define", "png:compression-level=9"]
        if colors:
            return opts + ["-dither", "None", "-colors", str(colors)], f"PNG8:{path}"
        return opts, f"PNG24:{path}"
    if ext in (".jpg", ".jpeg"):
        return common + ["-quality", "85", "-sampling-factor", "2x2", "-interlace", "none"], str(path)
    if ext == ".webp":
        return common + ["-quality", "82", "-define", "webp:method=6"], str(path)
    if ext == ".gif":
        return common + ["-dither", "None", "-colors", str(colors or 32)], str(path)
    fail(f"unsupported output type {path.name}")
    raise AssertionError


def run(cmd: list[str], what: str) -> None:
    result = subprocess.run(cmd, capture_output=True, text=True, env=MAGICK_ENV)
    if result.returncode != 0:
        fail(f"{what} failed ({result.returncode}): {result.stderr.strip()}\ncommand: {' '.join(cmd)}")


def render(spec: dict, folder: Path) -> Path:
    path = folder / spec["file"]
    opts, target = encode_options(path, spec.get("colors"))
    if "frames" in spec:
        cmd = MAGICK + ["-delay", "60", "-loop", "0"]
        for frame in spec["frames"]:
            cmd += frame
        cmd += opts + ["-layers", "Optimize", target]
    else:
        cmd = MAGICK + spec["args"] + opts + [target]
    run(cmd, f"drawing {path.name}")

    tags: list[str] = []
    xmp = spec.get("xmp", {})
    for keyword in xmp.get("subject", []):
        tags.append(f"-XMP-dc:Subject={keyword}")
    if "title" in xmp:
        tags.append(f"-XMP-dc:Title={xmp['title']}")
    if "description" in xmp:
        tags.append(f"-XMP-dc:Description={xmp['description']}")
    for keyword in spec.get("iptc", []):
        tags.append(f"-IPTC:Keywords={keyword}")
    if tags:
        # The toolkit string names the exiftool version; dropping it keeps bytes equal across versions.
        cmd = [EXIFTOOL, "-q", "-overwrite_original", "-charset", "iptc=UTF8", "-XMPToolkit=", *tags, str(path)]
        run(cmd, f"tagging {path.name}")

    sidecar = spec.get("sidecar")
    if sidecar:
        side = path.with_suffix(".json")
        side.write_text(json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    size = path.stat().st_size
    if size > MAX_BYTES:
        fail(f"{path} is {size} bytes, over the {MAX_BYTES}-byte budget; simplify it or lower its quality")
    return path


def main() -> None:
    global MAGICK, EXIFTOOL, BOLD, REGULAR
    out_root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "sample-assets"
    MAGICK = find_magick()
    EXIFTOOL = find_tool("exiftool", "libimage-exiftool-perl")
    BOLD = find_font("DejaVuSans-Bold.ttf")
    REGULAR = find_font("DejaVuSans.ttf")

    campaigns = {"summer-sale": summer_sale(), "winter-getaway": winter_getaway(), "app-launch": app_launch()}
    for name, specs in campaigns.items():
        folder = out_root / name
        folder.mkdir(parents=True, exist_ok=True)
        # Only files this script owns are removed, so hand-made notes in the folder survive.
        for old in folder.iterdir():
            if old.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp", ".gif", ".json"):
                old.unlink()
        for spec in specs:
            path = render(spec, folder)
            print(f"{path.relative_to(out_root)}  {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
