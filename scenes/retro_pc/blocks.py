"""BLOCKS.EXE: our own falling-blocks puzzle (not Tetris: no name, no art from it), logic and text-mode drawing.

A 10x20 well, the seven four-square shapes, moves, rotation with simple wall kicks, soft and hard drop, line
clears, score and level speed. Deterministic for a seed (a shuffled bag of the seven shapes) and driven by
`update(dt)`, so tests play it exactly. After game over a key (or a tap) starts a new game.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .keyboard import KeyEvent
from .program import Program, ProgramContext
from .textscreen import Color, attr

WIDTH = 10
HEIGHT = 20
SHAPES: dict[str, tuple[int, tuple[tuple[int, int], ...]]] = {
    "I": (4, ((0, 1), (1, 1), (2, 1), (3, 1))),
    "O": (2, ((0, 0), (1, 0), (0, 1), (1, 1))),
    "T": (3, ((1, 0), (0, 1), (1, 1), (2, 1))),
    "S": (3, ((1, 0), (2, 0), (0, 1), (1, 1))),
    "Z": (3, ((0, 0), (1, 0), (1, 1), (2, 1))),
    "J": (3, ((0, 0), (0, 1), (1, 1), (2, 1))),
    "L": (3, ((2, 0), (0, 1), (1, 1), (2, 1))),
}
KINDS = tuple(SHAPES)
LINE_POINTS = (0, 100, 300, 500, 800)
KICKS = ((0, 0), (-1, 0), (1, 0), (-2, 0), (2, 0), (0, -1))
COLORS = {"I": Color.LIGHT_CYAN, "O": Color.YELLOW, "T": Color.LIGHT_MAGENTA, "S": Color.LIGHT_GREEN,
          "Z": Color.LIGHT_RED, "J": Color.LIGHT_BLUE, "L": Color.BROWN, "#": Color.LIGHT_GRAY}


@dataclass(frozen=True)
class Piece:
    kind: str
    rotation: int = 0
    x: int = 3
    y: int = 0

    def cells(self) -> list[tuple[int, int]]:
        size, base = SHAPES[self.kind]
        out = []
        for cx, cy in base:
            for _ in range(self.rotation % 4):
                cx, cy = size - 1 - cy, cx
            out.append((self.x + cx, self.y + cy))
        return out

    def moved(self, dx: int = 0, dy: int = 0, turn: int = 0) -> Piece:
        return Piece(self.kind, (self.rotation + turn) % 4, self.x + dx, self.y + dy)


class BlocksGame:
    """The rules, without any drawing."""

    def __init__(self, seed: int = 1995) -> None:
        self.seed = seed
        self.games_played = 0
        self.reset()

    def reset(self) -> None:
        self.rng = random.Random(self.seed + self.games_played)
        self.games_played += 1
        self.grid: list[list[str | None]] = [[None] * WIDTH for _ in range(HEIGHT)]
        self.score = 0
        self.lines = 0
        self.over = False
        self._bag: list[str] = []
        self._fall = 0.0
        self.next_kind = self._draw_kind()
        self.piece = self._spawn()
        self.changes = getattr(self, "changes", 0) + 1

    # --- pieces -----------------------------------------------------------------------------------------------
    def _draw_kind(self) -> str:
        if not self._bag:
            self._bag = list(KINDS)
            self.rng.shuffle(self._bag)
        return self._bag.pop()

    def _spawn(self) -> Piece:
        kind, self.next_kind = self.next_kind, self._draw_kind()
        size = SHAPES[kind][0]
        return Piece(kind, 0, (WIDTH - size) // 2, 0)

    def fits(self, piece: Piece) -> bool:
        return all(0 <= x < WIDTH and 0 <= y < HEIGHT and self.grid[y][x] is None for x, y in piece.cells())

    @property
    def level(self) -> int:
        return 1 + self.lines // 10

    @property
    def fall_interval(self) -> float:
        """Seconds per row of falling: 0.8 s at level 1, 15 % faster each level, never under 0.08 s."""
        return max(0.08, 0.8 * 0.85 ** (self.level - 1))

    # --- actions ----------------------------------------------------------------------------------------------
    def move(self, dx: int) -> bool:
        return self._try(self.piece.moved(dx=dx))

    def rotate(self) -> bool:
        if self.over:
            return False
        turned = self.piece.moved(turn=1)
        return any(self._try(turned.moved(dx, dy)) for dx, dy in KICKS)

    def soft_drop(self) -> bool:
        """One row down (one point); locks the piece when it cannot go further."""
        if self.over:
            return False
        if self._try(self.piece.moved(dy=1)):
            self.score += 1
            self._fall = 0.0
            return True
        self._lock()
        return False

    def hard_drop(self) -> int:
        if self.over:
            return 0
        rows = 0
        while self._try(self.piece.moved(dy=1)):
            rows += 1
        self.score += 2 * rows
        self._lock()
        return rows

    def update(self, dt: float) -> None:
        if self.over:
            return
        self._fall += dt
        while self._fall >= self.fall_interval and not self.over:
            self._fall -= self.fall_interval
            if not self._try(self.piece.moved(dy=1)):
                self._lock()

    def _try(self, candidate: Piece) -> bool:
        if self.over or not self.fits(candidate):
            return False
        self.piece = candidate
        self.changes += 1
        return True

    def _lock(self) -> None:
        for x, y in self.piece.cells():
            self.grid[y][x] = self.piece.kind
        full = [y for y in range(HEIGHT) if all(self.grid[y])]
        for y in full:
            del self.grid[y]
            self.grid.insert(0, [None] * WIDTH)
        self.score += LINE_POINTS[len(full)] * self.level
        self.lines += len(full)
        self.piece = self._spawn()
        self._fall = 0.0
        self.changes += 1
        if not self.fits(self.piece):
            self.over = True

    def fill_rows(self, rows: list[str]) -> None:
        """Set the bottom of the well from text ('#' filled, '.' empty), for tests and demos."""
        for offset, text in enumerate(reversed(rows)):
            self.grid[HEIGHT - 1 - offset] = [("#" if ch == "#" else None) for ch in text.ljust(WIDTH, ".")]
        self.changes += 1


class BlocksProgram(Program):
    """The game on the text screen: well in the middle, score and next shape on the right."""

    keyset = "blocks"
    WELL_COL = 29
    WELL_ROW = 2

    def __init__(self, ctx: ProgramContext, file: str | None = None, seed: int = 1995) -> None:
        super().__init__(ctx, file)
        self.game = BlocksGame(seed)
        self._drawn = -1

    def start(self) -> None:
        screen = self.screen
        screen.clear(attr(Color.LIGHT_GRAY, Color.BLACK))
        screen.cursor_visible = False
        frame = attr(Color.LIGHT_GRAY)
        left, top = self.WELL_COL - 1, self.WELL_ROW
        for row in range(HEIGHT):
            screen.put(left, top + row, "║", frame)
            screen.put(left + 1 + WIDTH * 2, top + row, "║", frame)
        screen.put(left, top + HEIGHT, "╚" + "═" * (WIDTH * 2) + "╝", frame)
        screen.put(left, 0, self.ctx.t("blocks_title"), attr(Color.WHITE))
        for index, text in enumerate(self.ctx.labels("blocks_controls")):
            screen.put(2, 4 + index * 2, text, attr(Color.DARK_GRAY))
        self._drawn = -1
        self.draw()

    def draw(self) -> None:
        game = self.game
        if game.changes == self._drawn:
            return
        self._drawn = game.changes
        screen = self.screen
        piece_cells = set() if game.over else set(game.piece.cells())
        for y in range(HEIGHT):
            for x in range(WIDTH):
                kind = game.piece.kind if (x, y) in piece_cells else game.grid[y][x]
                text, color = ("██", attr(COLORS[kind])) if kind else (" .", attr(Color.DARK_GRAY))
                screen.put(self.WELL_COL + x * 2, self.WELL_ROW + y, text, color)
        info_col = self.WELL_COL + WIDTH * 2 + 4
        label = attr(Color.LIGHT_GRAY)
        value = attr(Color.WHITE)
        for row, (key, number) in enumerate((("blocks_score", game.score), ("blocks_lines", game.lines),
                                             ("blocks_level", game.level))):
            screen.put(info_col, 3 + row * 2, f"{self.ctx.t(key):<8}", label)
            screen.put(info_col + 9, 3 + row * 2, f"{number:>7}", value)
        screen.put(info_col, 10, self.ctx.t("blocks_next"), label)
        screen.fill(info_col, 11, 10, 2, " ")
        for x, y in Piece(game.next_kind, 0, 0, 0).cells():
            screen.put(info_col + x * 2, 11 + y, "██", attr(COLORS[game.next_kind]))
        message_row = self.WELL_ROW + HEIGHT // 2
        if game.over:
            screen.put(self.WELL_COL, message_row - 1, f"{self.ctx.t('blocks_game_over'):^20}",
                       attr(Color.YELLOW, Color.RED))
            screen.put(info_col, 16, self.ctx.t("blocks_again"), attr(Color.YELLOW))
        else:
            screen.put(info_col, 16, " " * (screen.cols - info_col))

    def handle_key(self, event: KeyEvent) -> None:
        game = self.game
        if event.key == "ESC":
            self.finished = True
            return
        if game.over:
            if event.key in ("ENTER", "SPACE"):
                game.reset()
        elif event.key == "LEFT":
            game.move(-1)
        elif event.key == "RIGHT":
            game.move(1)
        elif event.key == "UP":
            game.rotate()
        elif event.key == "DOWN":
            game.soft_drop()
        elif event.key == "SPACE":
            game.hard_drop()
            self.ctx.sounds.append("drop")
        self.draw()

    def tap_cell(self, col: int, row: int, double: bool = False) -> None:
        game = self.game
        if game.over:
            game.reset()
        else:
            xs = [x for x, _ in game.piece.cells()]
            x = (col - self.WELL_COL) // 2
            if x < min(xs):
                game.move(-1)
            elif x > max(xs):
                game.move(1)
            else:
                game.rotate()
        self.draw()

    def update(self, dt: float) -> None:
        lines = self.game.lines
        self.game.update(dt)
        if self.game.lines != lines:
            self.ctx.sounds.append("line")
        self.draw()
