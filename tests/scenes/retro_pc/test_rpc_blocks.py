"""The falling-blocks game: moves, rotation with kicks, drops, line clears, speed, game over and a new game."""

from __future__ import annotations

from scenes.retro_pc.blocks import HEIGHT, WIDTH, BlocksGame, Piece

from .conftest import MachineFactory


def test_same_seed_same_game() -> None:
    a, b = BlocksGame(7), BlocksGame(7)
    kinds_a, kinds_b = [], []
    for _ in range(10):
        kinds_a.append(a.piece.kind)
        kinds_b.append(b.piece.kind)
        a.hard_drop()
        b.hard_drop()
    assert kinds_a == kinds_b
    assert set(kinds_a[:7]) == {"I", "O", "T", "S", "Z", "J", "L"}  # one bag holds every shape once


def test_pieces_move_and_stop_at_walls() -> None:
    game = BlocksGame(1)
    game.piece = Piece("T", 0, 3, 0)
    assert game.move(-1) and game.piece.x == 2
    while game.move(-1):
        pass
    assert min(x for x, _ in game.piece.cells()) == 0
    while game.move(1):
        pass
    assert max(x for x, _ in game.piece.cells()) == WIDTH - 1


def test_rotation_and_wall_kick() -> None:
    game = BlocksGame(1)
    game.piece = Piece("I", 1, 3, 0)  # vertical I
    while game.move(-1):
        pass
    assert min(x for x, _ in game.piece.cells()) == 0
    assert game.rotate()  # horizontal would stick out of the wall: kicked back in
    cells = game.piece.cells()
    assert len({y for _, y in cells}) == 1 and min(x for x, _ in cells) >= 0
    game.piece = Piece("T", 0, 3, 5)
    assert game.rotate() and game.piece.rotation == 1
    assert sorted(game.piece.cells()) == [(4, 5), (4, 6), (4, 7), (5, 6)]


def test_gravity_soft_and_hard_drop_and_score() -> None:
    game = BlocksGame(3)
    y0 = game.piece.y
    game.update(game.fall_interval + 0.01)
    assert game.piece.y == y0 + 1
    assert game.soft_drop() and game.score == 1
    rows = game.hard_drop()
    assert rows > 10 and game.score == 1 + 2 * rows
    assert any(cell for cell in game.grid[HEIGHT - 1])


def test_line_clear_from_a_near_full_well() -> None:
    game = BlocksGame(5)
    game.fill_rows(["#########.", "#########."])
    game.piece = Piece("I", 1, 7, 0)  # vertical I: its column is x = 9
    assert {x for x, _ in game.piece.cells()} == {9}
    game.hard_drop()
    assert game.lines == 2
    assert game.score >= 300
    # the two upper squares of the I fall into the cleared space; nothing else remains
    assert game.grid[HEIGHT - 1] == [None] * 9 + ["I"]
    assert game.grid[HEIGHT - 2] == [None] * 9 + ["I"]
    assert sum(1 for row in game.grid for cell in row if cell) == 2


def test_level_speeds_up() -> None:
    game = BlocksGame(1)
    slow = game.fall_interval
    game.lines = 30
    assert game.level == 4 and game.fall_interval < slow


def test_game_over_then_a_new_game() -> None:
    game = BlocksGame(9)
    for _ in range(200):
        if game.over:
            break
        game.hard_drop()
    assert game.over
    assert not game.move(1) and game.hard_drop() == 0
    game.reset()
    assert not game.over and game.score == 0 and all(c is None for row in game.grid for c in row)


def test_playable_by_scripted_taps(make_machine: MachineFactory) -> None:
    m = make_machine()
    m.type_command("GAMES\\BLOCKS")
    program = m.program
    game = program.game  # type: ignore[union-attr]
    x0 = game.piece.x
    m.tap_key("LEFT")
    assert game.piece.x == x0 - 1
    m.tap_key("RIGHT")
    m.tap_key("RIGHT")
    assert game.piece.x == x0 + 1
    rotation = game.piece.rotation
    m.tap_key("UP")
    assert game.piece.rotation != rotation or game.piece.kind == "O"
    game.fill_rows(["#########.", "#########."])
    game.piece = Piece("I", 1, 7, 0)
    m.tap_key("SPACE")
    assert "drop" in m.drain_sounds()
    assert game.lines == 2
    for _ in range(60):
        m.update(1 / 30)
    rows = m.screen.text().splitlines()
    assert str(game.score) in next(r for r in rows if "Score" in r)
    assert "2" in next(r for r in rows if "Lines" in r)
    for _ in range(200):
        if game.over:
            break
        m.tap_key("SPACE")
    assert "GAME OVER" in m.screen.text()
    m.tap_key("ENTER")
    assert not game.over and "GAME OVER" not in m.screen.text()
    m.tap_key("ESC")
    assert m.state == "shell"
