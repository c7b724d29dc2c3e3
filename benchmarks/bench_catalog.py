"""Catalogue: load and validate 1,000 generated procedures, against a bare yaml.safe_load.

The issue's target: loading and validating 1,000 procedures takes at most 1 s, and at
most 3x a bare ``yaml.safe_load`` of the same files, measured in the same run. The
files (100 files of 10 procedures, each with two cases, an internal process, documents,
a form, fees and legal basis, about 70 YAML lines) are written to a temporary folder;
both sides read them from disk. ``yaml.load(..., CSafeLoader)`` is shown for reference:
it is what a careful user would pick, but it keeps no positions and checks nothing.
"""

from __future__ import annotations

import gc
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks._harness import Result, per_call

PROCEDURES = 1_000
PER_FILE = 10

_PROCEDURE = """\
  - code: "{code}"
    name: Thủ tục hành chính số {n} (generated)
    name_en: Generated procedure {n}
    field: Lĩnh vực {field}
    level: {level}
    agency: Ủy ban nhân dân cấp xã
    valid_from: 2025-07-01
    channels: [counter, online, postal]
    online_level: partial
    applicant_types: [Cá nhân, Tổ chức]
    conditions:
      - Người yêu cầu có nơi cư trú trên địa bàn
    result: Giấy chứng nhận
    cases:
      - id: standard
        name: Trường hợp thông thường
        default: true
        time_limit: 3 working days
        time_limit_by_channel:
          online: 2.5 working days
        legal_basis:
          - {{document: Luật Ví dụ 00/2025/QH15, article: 18(2)}}
        process:
          - {{name: Tiếp nhận hồ sơ, unit: Bộ phận một cửa, budget: 4 working hours}}
          - {{name: Thẩm định hồ sơ, unit: Phòng chuyên môn, budget: 2 working days}}
          - {{name: Ký duyệt và trả kết quả, unit: Lãnh đạo, budget: 0.5 working days}}
      - id: verification
        name: Cần xác minh
        when: Hồ sơ cần xác minh thêm
        time_limit: same day, cut-off 15:00
    documents:
      - id: to-khai
        name: Tờ khai theo mẫu
        originals: 1
        form: to-khai
      - name: Giấy tờ chứng minh nhân thân
        presented: true
      - name: Giấy tờ liên quan
        copies: 2
        mandatory: false
        cases: [verification]
    forms:
      - id: to-khai
        name: Tờ khai
        reference: Thông tư 00/2025/TT-BTP
    fees:
      - name: Lệ phí
        kind: fee
        amount: 50000
        exemptions: [Người thuộc hộ nghèo]
      - name: Phí sao y
        kind: charge
        per_page:
          - {{from_page: 1, amount: 2000}}
          - {{from_page: 3, amount: 1000}}
        max_per_copy: 200000
    legal_basis:
      - {{document: Luật Ví dụ 00/2025/QH15, article: 18}}
      - {{document: Nghị định 00/2025/NĐ-CP}}
"""


def write_tree(folder: Path, procedures: int = PROCEDURES) -> list[Path]:
    """Write the generated catalogue; return the files."""
    files = []
    for start in range(0, procedures, PER_FILE):
        body = "".join(
            _PROCEDURE.format(
                code=f"{1 + n % 3}.{n:06d}",
                n=n,
                field=n % 7,
                level=("commune", "province", "central")[n % 3],
            )
            for n in range(start, min(start + PER_FILE, procedures))
        )
        path = folder / f"part-{start // PER_FILE:03d}.yaml"
        path.write_text("procedures:\n" + body, encoding="utf-8")
        files.append(path)
    return files


def run(quick: bool) -> list[Result]:
    import yaml

    from tthc import load_catalog

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = write_tree(folder)
        catalog = load_catalog(folder)
        assert len(catalog) == PROCEDURES

        def tthc_load() -> None:
            load_catalog(folder)

        # load_catalog pauses the garbage collector while it builds (its objects hold no
        # cycles); the comparisons get the same pause, so the ratio measures the work.
        def paused(fn: Callable[[], int]) -> Callable[[], int]:
            def run() -> int:
                enabled = gc.isenabled()
                gc.disable()
                try:
                    return fn()
                finally:
                    if enabled:
                        gc.enable()

            return run

        @paused
        def safe_load() -> int:
            loaded = 0
            for path in files:
                with path.open("rb") as handle:
                    loaded += len(yaml.safe_load(handle)["procedures"])
            return loaded

        @paused
        def c_safe_load() -> int:
            loaded = 0
            for path in files:
                with path.open("rb") as handle:
                    loaded += len(yaml.load(handle, Loader=yaml.CSafeLoader)["procedures"])
            return loaded

        # The same procedures on every side before anything is timed.
        assert safe_load() == c_safe_load() == len(catalog) == PROCEDURES

        repeat = 3 if quick else 7
        ours = per_call(tthc_load, calls=1, repeat=repeat)
        bare = per_call(safe_load, calls=1, repeat=repeat)
        c_bare = per_call(c_safe_load, calls=1, repeat=repeat)
    return [
        Result(
            name="catalog: load + validate 1,000 procedures (100 files)",
            unit_label="per run",
            tthc=ours,
            others={
                "yaml.safe_load (no checks, no positions; GC paused alike)": bare,
                "yaml.load CSafeLoader (reference only; GC paused alike)": c_bare,
            },
            target="<= 1 s and <= 3x yaml.safe_load",
            passed=ours <= 1.0 and ours <= 3 * bare,
        )
    ]
