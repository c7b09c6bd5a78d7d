"""The app: one loop with a frame cap, the scene stack, overlays, idle, crash isolation, scripted input.

Everything the visitor sees passes through `App.frame()`; tests, the headless tour and the real
exhibit all run this same loop.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import resource
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pygame

from kiosk.admin import AdminActions, AdminOverlay
from kiosk.clock import Clock
from kiosk.config import KioskConfig
from kiosk.display import Display, prepare_sdl
from kiosk.gestures import (
    GestureRecognizer,
    GestureSettings,
    InputEvent,
    KeyPress,
    PointerDown,
    PointerUp,
    raw_touch,
)
from kiosk.i18n import I18n
from kiosk.idle import IdleController, IdleState
from kiosk.lockdown import grab_keyboard, is_system_chord, take_focus
from kiosk.logs import setup_logging
from kiosk.ops.runtime import OpsRuntime
from kiosk.overlays import ClosedOverlay, IdleOverlay, LanguageToggle, Overlay
from kiosk.pin import PinGate
from kiosk.router import Router
from kiosk.scene import IdleHold, Layout, Scene, SceneContext
from kiosk.script import ScriptHooks, ScriptRunner, parse_steps
from kiosk.sound import Sound
from kiosk.text import TextRenderer
from kiosk.theme import Theme
from kiosk.updating import UpdatingScene

LOG = logging.getLogger("kiosk")
FALLBACK_HOME = "menu"


@dataclass
class RunOptions:
    headless: bool = False
    kiosk: bool = False
    size: tuple[int, int] | None = None
    rotate: int | None = None
    lang: str | None = None
    fps: int | None = None
    seconds: float | None = None
    script: list[dict[str, Any]] | None = None
    screenshots: Path | None = None
    screenshot_every: float = 1.0
    attract_at_start: bool = False
    content_dir: Path | None = None
    watch_content: bool = True
    verbose: bool = False
    on_first_frame: Callable[[], None] | None = None
    needs_content: bool = True
    """False: the home scene runs even when the content is broken (the selftest reports that itself)."""
    home_params: dict[str, Any] = field(default_factory=dict)
    """Given to the home scene when the app starts (the selftest passes its session this way)."""


@dataclass
class FrameStats:
    frame_ms: deque[float] = field(default_factory=lambda: deque(maxlen=1200))
    frames: int = 0

    def fps(self) -> float:
        recent = list(self.frame_ms)[-60:]
        return 1000.0 / (sum(recent) / len(recent)) if recent else 0.0


def _touch_devices() -> int:
    try:
        from pygame._sdl2 import touch

        return int(touch.get_num_devices())
    except (ImportError, pygame.error):
        return -1


def rss_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


class App:
    def __init__(self, config: KioskConfig, options: RunOptions) -> None:
        self.config = config
        self.options = options
        self.notes: list[str] = []
        note = setup_logging(config.var_dir, config.log.max_kb, config.log.backups, options.verbose)
        if note:
            self.notes.append(note)
        prepare_sdl(options.headless, config.screen.framebuffer_acceleration, options.kiosk)
        pygame.display.init()
        pygame.font.init()
        screen = config.screen
        self.display = Display(options.size or tuple(screen.size),  # type: ignore[arg-type]
                               options.rotate if options.rotate is not None else screen.rotate,
                               options.kiosk or screen.fullscreen, screen.display)
        self.notes.extend(self.display.notes)
        if options.kiosk:
            pygame.mouse.set_visible(False)  # hides the cursor only; touch keeps working
            grab_keyboard()  # system shortcuts come to the exhibit, which swallows them (kiosk/lockdown.py)
        if not options.headless and _touch_devices() == 0:
            self.notes.append("no touch device found: mouse only")
            LOG.warning(self.notes[-1])
        self.clock = Clock(options.fps or screen.fps, simulated=options.headless)
        w, h = self.display.logical_size
        self.layout = Layout(w, h, screen.diagonal_inch, config.input.touch_target_mm)
        self.theme = Theme.load(config.theme_path, self.layout.scale)
        self.i18n = I18n(config.languages.default, config.languages.available)
        if options.lang:
            self.i18n.set(options.lang)
        self.theme.lang = self.i18n.lang
        self.sound = Sound(config.sound.enabled and not options.headless, config.sound.volume)
        if self.sound.note:
            self.notes.append(self.sound.note)
        self.text = TextRenderer()
        self.router = Router(config.home)
        self.idle_hold = IdleHold()
        self.scene_errors = 0
        self.last_error = ""
        self.stats = FrameStats()
        self.running = True
        self.exit_code = 0
        self._swallow = False
        self._last_frame: pygame.Surface | None = None
        self._screenshot_names: list[str] = []
        self._next_auto_shot = 0.0
        started_wall = dt.datetime.now()
        wall_clock = ((lambda: started_wall + dt.timedelta(seconds=self.clock.now())) if options.headless
                      else dt.datetime.now)
        self.ops = OpsRuntime(config, wall_clock, self.notes, options.kiosk)
        self.content = self._load_content(options)
        self.images = self._make_image_cache()
        self.ctx = SceneContext(
            config=config, layout=self.layout, theme=self.theme, i18n=self.i18n, text=self.text,
            router=self.router, content=self.content.get, content_root=self.content.content_root,
            images=self.images, clock=self.clock.now, idle=self.idle_hold, sound=self.sound,
            var_dir=config.var_dir, analytics=self.ops.analytics, note=self._note_error,
            headless=options.headless)
        self.i18n.set_strings(self.content.get("ui.yaml"))
        self.idle = IdleController(config.idle.idle_seconds, config.idle.countdown_seconds)
        self.idle_overlay = IdleOverlay(self.ctx, lambda: self.idle.seconds_left(self.clock.now()),
                                        self._continue_after_countdown)
        self.lang_toggle = LanguageToggle(self.ctx, lambda: self.switch_language())
        self.admin = AdminOverlay(self.ctx, PinGate(config.admin.pin_hash, config.admin.max_attempts,
                                                    config.admin.lockout_s),
                                  AdminActions(self.status_lines, lambda: list(self.stats.frame_ms),
                                               self.content.reload_now, self.quit))
        self.closed = ClosedOverlay(self.ctx, config.closed_screen.mode, config.closed_screen.brightness,
                                    self.ops.opens_at)
        self.overlays: list[Overlay] = [self.admin, self.closed, self.idle_overlay, self.lang_toggle]
        self.gestures = GestureRecognizer(self._gesture_settings(), self.display.to_logical,
                                          lambda: self.display.physical_size)
        self._register_scenes()
        self.router.listeners.append(self._scene_listener)
        self.router.push(self.router.home, self.options.home_params)
        self._safe(self.router.apply, None)
        self.script = self._make_script(options.script)
        if options.attract_at_start:
            self._start_attract()

    # -- set-up ------------------------------------------------------------------------------------
    def _load_content(self, options: RunOptions) -> Any:
        from kiosk.content_store import ContentStore

        root = options.content_dir or self.config.content_dir
        return ContentStore(self.config, root, watch=options.watch_content)

    def _make_image_cache(self) -> Any:
        from kiosk.images import ImageCache

        return ImageCache(self.config.images.cache_mb, self.config.images.workers)

    def _gesture_settings(self) -> GestureSettings:
        cfg = self.config.input
        return GestureSettings(slop_px=self.layout.mm(cfg.tap_slop_mm), long_press_s=cfg.long_press_s,
                               fling_min_px_s=self.layout.mm(cfg.fling_min_speed_mm_s),
                               debounce_s=cfg.tap_debounce_ms / 1000.0, mouse=cfg.mouse)

    def _register_scenes(self) -> None:
        if not self.content.ok and self.options.needs_content:
            self.router.register("updating", lambda: UpdatingScene(self.ctx))
            self.router.home = "updating"
            return
        for name in self.config.enabled_scenes():
            entry = self.config.scenes[name]
            try:
                module = importlib.import_module(entry.module)
                scene_cls = module.SCENE
            except Exception as exc:  # a broken scene package must not stop the exhibit
                self._note_error(f"scene '{name}' ({entry.module}) unavailable: {exc!r}")
                continue
            self.router.register(name, self._factory(scene_cls, name))
        if not self.router.available(self.router.home):
            fallback = FALLBACK_HOME if self.router.available(FALLBACK_HOME) else "updating"
            self._note_error(f"home scene '{self.router.home}' unavailable; using '{fallback}'")
            self.router.register("updating", lambda: UpdatingScene(self.ctx))
            self.router.home = fallback

    def _factory(self, scene_cls: type[Scene], name: str) -> Callable[[], Scene]:
        def make() -> Scene:
            scene = scene_cls(self.ctx)
            scene.name = name
            return scene
        return make

    def _make_script(self, steps: list[dict[str, Any]] | None) -> ScriptRunner | None:
        if steps is None:
            return None
        hooks = ScriptHooks(now=self.clock.now, find_target=self.find_target,
                            to_physical=self.display.to_physical,
                            physical_size=lambda: self.display.physical_size,
                            scene_name=self.scene_name, lang=lambda: self.i18n.lang,
                            screenshot=self._screenshot_names.append)
        return ScriptRunner(steps, hooks)

    # -- public helpers (scripts, tests, admin) ----------------------------------------------------
    def scene_name(self) -> str:
        top = self.router.top
        return top.name if top is not None else ""

    def all_targets(self) -> list[Any]:
        targets: list[Any] = []
        top = self.router.top
        if top is not None:
            targets.extend(self._safe(top.targets) or [])
        for overlay in reversed(self.overlays):
            targets.extend(overlay.targets())
        return targets

    def find_target(self, name: str) -> pygame.Rect | None:
        for target in reversed(self.all_targets()):
            if target.name == name:
                return target.rect
        return None

    def status_lines(self) -> list[str]:
        frames = sorted(self.stats.frame_ms)
        p99 = frames[int(len(frames) * 0.99) - 1] if len(frames) > 10 else 0.0
        lines = [f"FPS {self.stats.fps():.0f}   frame p99 {p99:.1f} ms   RSS {rss_mb():.0f} MB",
                 f"scene: {self.scene_name()}   stack: {[s.name for s in self.router.stack]}",
                 f"content: {self.content.source}   root: {self.content.root}",
                 f"scene errors: {self.scene_errors}" + (f"   last: {self.last_error}" if self.last_error else "")]
        lines += self.ops.status_lines()
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"content: {p}" for p in self.content.problems()]
        return lines

    def quit(self) -> None:
        self.running = False

    def switch_language(self, lang: str | None = None, by_visitor: bool = True) -> None:
        if not self.i18n.set(lang or self.i18n.next_lang()):
            return
        if by_visitor:
            self.ops.analytics.language_chosen(self.i18n.lang)
        self.theme.lang = self.i18n.lang
        for scene in list(self.router.stack):
            self._safe(scene.language_changed, self.i18n.lang)

    # -- crash isolation ---------------------------------------------------------------------------
    def _note_error(self, message: str) -> None:
        self.notes.append(message)
        LOG.error(message)

    def _safe(self, func: Callable[..., Any], *args: Any) -> Any:
        try:
            return func(*args)
        except Exception as exc:
            self._scene_crashed(exc)
            return None

    def _scene_crashed(self, exc: Exception) -> None:
        self.scene_errors += 1
        crashed = self.router.top
        name = crashed.name if crashed is not None else "?"
        self.last_error = f"{name}: {exc!r}"
        LOG.exception("scene '%s' crashed; visitor returned home", name)
        if len(self.router.stack) <= 1:
            self.router.drop_top()
            if self.scene_errors > 20 and self.router.home != "updating":
                self.router.register("updating", lambda: UpdatingScene(self.ctx))
                self.router.home = "updating"
        self.router.reset_home()

    # -- idle --------------------------------------------------------------------------------------
    def _continue_after_countdown(self) -> None:
        self.idle.touch(self.clock.now())
        self.idle_overlay.visible = False

    def _start_attract(self) -> None:
        self.idle.start_attract(self.clock.now())
        top = self.router.top
        if top is not None:
            self._safe(top.start_attract)

    def _idle_reset(self) -> None:
        self.idle_overlay.visible = False
        self.admin.close()
        self.sound.stop_all()
        self.router.reset_home()
        self._safe(self.router.apply, None)
        self.switch_language(self.i18n.default, by_visitor=False)
        self.ops.analytics.session_end(self.config.idle.idle_seconds + self.config.idle.countdown_seconds)
        self._start_attract()

    # -- the frame ---------------------------------------------------------------------------------
    def _scene_listener(self, kind: str, scene: Scene) -> None:
        if kind == "enter" and self.ops.analytics.session_id is not None:
            self.ops.analytics.scene_opened(scene.name)

    def _input(self, event: InputEvent) -> None:
        now = self.clock.now()
        if isinstance(event, PointerDown | KeyPress):
            if self.ops.analytics.session_id is None and self.ops.open:
                self.ops.analytics.session_start(self.i18n.lang)
            previous = self.idle.touch(now)
            if previous is IdleState.ATTRACT:
                top = self.router.top
                if top is not None:
                    self._safe(top.stop_attract)
                self._swallow = isinstance(event, PointerDown)
                return
            if previous is IdleState.COUNTDOWN:
                self.idle_overlay.visible = False
                self._swallow = isinstance(event, PointerDown)
                return
        if self._swallow:
            if isinstance(event, PointerUp):
                self._swallow = False
            return
        for overlay in self.overlays:
            if overlay.handle(event):
                return
        top = self.router.top
        if top is not None:
            self._safe(top.handle, event)

    def _pump_events(self) -> None:
        now = self.clock.now()
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                if not self.options.kiosk:
                    self.running = False
            elif event.type == pygame.KEYDOWN:
                if self.options.kiosk and is_system_chord(event.key, getattr(event, "mod", 0)):
                    continue  # Alt+Tab, Alt+F4, Super, Ctrl+Alt+…: never reach a scene
                if not self.options.kiosk and event.key == pygame.K_q and event.mod & pygame.KMOD_CTRL:
                    self.running = False
                    continue
                self._input(KeyPress(event.key, getattr(event, "unicode", "") or "", getattr(event, "mod", 0)))
            elif event.type == pygame.WINDOWFOCUSLOST and self.options.kiosk:
                self._refocus()
            else:
                top = self.router.top
                if top is not None and top.wants_raw_input:
                    touch = raw_touch(event, self.display.to_logical, lambda: self.display.physical_size)
                    if touch is not None:
                        self._safe(top.raw_input, touch)
                self.gestures.feed(event, now)
        for gesture in self.gestures.update(now):
            self._input(gesture)
        hold = self.gestures.hold(now)
        if hold is not None and not self.admin.visible and self._in_admin_corner(hold[0]) \
                and hold[1] >= self.config.admin.hold_seconds and self.admin.gate.enabled:
            self.gestures.reset()
            self._swallow = False  # the held finger's end will not arrive after a reset
            self.admin.open()

    def _refocus(self) -> None:
        """Kiosk mode: take the focus back if something stole it (raise and input focus: kiosk/lockdown.py)."""
        take_focus()

    def _in_admin_corner(self, pos: tuple[float, float]) -> bool:
        size = self.layout.mm(self.config.admin.corner_mm)
        corner = self.config.admin.corner
        x_ok = pos[0] <= size if "left" in corner else pos[0] >= self.layout.width - size
        y_ok = pos[1] <= size if "top" in corner else pos[1] >= self.layout.height - size
        return x_ok and y_ok

    def frame(self, dt: float) -> None:
        started = time.perf_counter()
        now = self.clock.now()
        if self.script is not None:
            self.script.tick()
        self._pump_events()
        if self.content.poll():
            self.images.clear()  # files may have changed with the content
            self.ctx.content_root = self.content.content_root
            self.i18n.set_strings(self.content.get("ui.yaml"))
            for scene in list(self.router.stack):
                self._safe(scene.content_changed)
        self.ops.per_frame(now)
        self.closed.visible = not self.ops.open
        if self.ops.restart_requested:
            self.running = False
        idle_event = self.idle.update(now, self.idle_hold.held or self.admin.visible or self.closed.visible)
        if idle_event == "countdown":
            self.idle_overlay.visible = True
        elif idle_event == "reset":
            self._idle_reset()
        self.images.pump(2.0)
        surface = self.display.surface
        self._safe(self.router.apply, self._last_frame)  # enter/exit/resume of scenes run in here
        top = self.router.top
        if top is not None:
            self._safe(top.update, dt)
        self.router.update(dt)
        for overlay in self.overlays:
            overlay.update(dt)
        top = self.router.top
        if top is not None:
            self._safe(top.draw, surface)
        else:
            surface.fill(self.theme.color("bg"))
        self.router.draw_transition(surface)
        for overlay in reversed(self.overlays):
            overlay.draw(surface)
        self.display.present()
        if self.router.transition_s > 0:
            self._last_frame = surface
        self.stats.frame_ms.append((time.perf_counter() - started) * 1000.0)
        self.stats.frames += 1
        if self.stats.frames == 1:
            self.ops.first_frame()
            if self.options.on_first_frame:
                self.options.on_first_frame()
        self._take_screenshots(now)

    def _take_screenshots(self, now: float) -> None:
        out = self.options.screenshots
        for name in self._screenshot_names:
            path = (out or Path("out/screenshots")) / f"{name}.png"
            self.display.screenshot(path)
        self._screenshot_names.clear()
        if out is not None and self.script is None and now >= self._next_auto_shot:
            self.display.screenshot(out / f"frame_{now:07.2f}s.png")
            self._next_auto_shot = now + self.options.screenshot_every

    def advance(self, seconds: float) -> None:
        """Run frames for `seconds` of program time (tests and tools)."""
        end = self.clock.now() + seconds
        while self.running and self.clock.now() < end - 1e-9:
            self.frame(self.clock.tick())

    def play(self, steps: list[dict[str, Any]], limit_s: float = 300.0) -> list[str]:
        """Run scripted visitor steps to the end (plus one frame); returns the failures."""
        self.script = self._make_script(parse_steps(steps))
        assert self.script is not None
        end = self.clock.now() + limit_s
        while self.running and not self.script.done and self.clock.now() < end:
            self.frame(self.clock.tick())
        self.frame(self.clock.tick())
        failures, self.script = self.script.failures, None
        return failures

    def run(self) -> int:
        try:
            while self.running:
                dt = self.clock.tick()
                self.frame(dt)
                if self.options.seconds is not None and self.clock.now() >= self.options.seconds:
                    break
                if self.script is not None and self.script.done and self.options.seconds is None:
                    break
        finally:
            self.shutdown()
        if self.script is not None and self.script.failures:
            for failure in self.script.failures:
                print(f"script: {failure}")
            return 1
        return self.exit_code

    def shutdown(self) -> None:
        self.ops.shutdown()
        self.content.stop()
        self.images.shutdown()
        pygame.quit()
