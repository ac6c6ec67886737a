"""Type Tom Yeh's sheets into specs: read the cached values of a workbook from
ImagineAILab/ai-by-hand-excel with openpyxl and write, for one sheet, the spec of its
given matrices and steps and the JSON of every matrix the sheet works out.

Not part of the test run (it needs openpyxl and the workbook); the files it wrote are
committed beside it and test_sheets.py checks handtf against them.

    python tests/sheets/extract.py Multihead-Attention.xlsx Self-Attention.xlsx
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import openpyxl  # type: ignore[import-not-found]
from openpyxl.utils import range_boundaries  # type: ignore[import-not-found]

HERE = Path(__file__).parent


def block(ws: Any, ref: str) -> list[list[float]]:
    left, top, right, bottom = range_boundaries(ref)
    return [[ws.cell(r, c).value for c in range(left, right + 1)] for r in range(top, bottom + 1)]


def toml_matrix(name: str, role: str, values: list[list[float]], **labels: list[str]) -> str:
    rows = ",\n".join("    [" + ", ".join(repr(v) for v in row) + "]" for row in values)
    more = "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in labels.items())
    return f'[matrices."{name}"]\nrole = "{role}"\nvalues = [\n{rows},\n]\n{more}'


def toml_step(op: str, inputs: list[str], output: str, **more: Any) -> str:
    lines = ["[[steps]]", f'op = "{op}"', "inputs = [" + ", ".join(f'"{n}"' for n in inputs) + "]"]
    lines.append(f'output = "{output}"')
    lines += [f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


def write(stem: str, title: str, given: list[str], steps: list[str], expected: dict[str, Any]) -> None:
    spec = f'title = "{title}"\n\n' + "\n".join(given) + "\n" + "\n".join(steps)
    (HERE / f"{stem}.toml").write_text(spec, encoding="utf-8")
    (HERE / f"{stem}.expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


def three_heads(path: Path) -> None:
    ws = openpyxl.load_workbook(path, data_only=True)["3 heads"]
    given = [toml_matrix("X", "input", block(ws, "O6:T10"))]
    steps, expected, zs = [], {}, []
    for h in range(3):
        b, n = 17 + 21 * h, str(h + 1)
        for w, name, row in (("Wq", "Q", b), ("Wk", "K", b + 4), ("Wv", "V", b + 8)):
            given.append(toml_matrix(w + n, "weight", block(ws, f"H{row}:L{row + 2}")))
            expected[name + n] = block(ws, f"O{row}:T{row + 2}")
        expected["Kᵀ" + n] = block(ws, f"X{b + 6}:Z{b + 11}")
        expected["S'" + n] = block(ws, f"AB{b + 6}:AG{b + 11}")
        expected["A" + n] = block(ws, f"AJ{b + 6}:AO{b + 11}")
        expected["Z" + n] = block(ws, f"AJ{b + 14}:AO{b + 16}")
        steps += [
            toml_step("matmul", ["Wq" + n, "X"], "Q" + n),
            toml_step("matmul", ["Wk" + n, "X"], "K" + n),
            toml_step("matmul", ["Wv" + n, "X"], "V" + n),
            toml_step("transpose", ["K" + n], "Kᵀ" + n),
            toml_step("matmul", ["Kᵀ" + n, "Q" + n], "S" + n),
            toml_step("scale", ["S" + n], "S'" + n, factor=1 / 3**0.5, factor_text="1/√3"),
            toml_step("softmax", ["S'" + n], "A" + n, names=["E" + n, "Σ" + n], role="attention"),
            toml_step("matmul", ["V" + n, "A" + n], "Z" + n),
        ]
        zs.append("Z" + n)
    given.append(toml_matrix("Wo", "weight", block(ws, "B92:J96")))
    expected["H"] = block(ws, "O80:T88")
    expected["O"] = block(ws, "O92:T96")
    steps += [toml_step("stack", zs, "H"), toml_step("matmul", ["Wo", "H"], "O", role="output")]
    write("multihead-3-heads", "Multi-head attention: the 3 heads sheet", given, steps, expected)


def self_attention_small(path: Path) -> None:
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    given = [
        toml_matrix("X", "input", block(ws, "J5:M10")),
        toml_matrix("Wq", "weight", block(ws, "C14:H16")),
        toml_matrix("Wk", "weight", block(ws, "C19:H21")),
        toml_matrix("Wv", "weight", block(ws, "C37:H39")),
    ]
    expected = {
        name: block(ws, ref)
        for name, ref in {
            "Q": "J14:M16",
            "K": "J19:M21",
            "Kᵀ": "Q10:S13",
            "S": "U10:X13",
            "S'": "U16:X19",
            "E": "U21:X24",
            "Σ": "U26:X26",
            "A": "U30:X33",
            "V": "J37:M39",
            "Z": "U37:X39",
        }.items()
    }
    steps = [
        toml_step("matmul", ["Wq", "X"], "Q"),
        toml_step("matmul", ["Wk", "X"], "K"),
        toml_step("transpose", ["K"], "Kᵀ"),
        toml_step("matmul", ["Kᵀ", "Q"], "S"),
        toml_step("scale", ["S"], "S'", factor=1 / 3**0.5, factor_text="1/√3"),
        toml_step("softmax", ["S'"], "A", names=["E", "Σ"], role="attention"),
        toml_step("matmul", ["Wv", "X"], "V"),
        toml_step("matmul", ["V", "A"], "Z", role="output"),
    ]
    write("self-attention-small", "Self-attention: the small sheet", given, steps, expected)


def full_stack_layer_norm(path: Path) -> None:
    """The full-stack sheet's first add & norm: NORMALIZE, then scale & shift, whose
    γ the sheet writes as a diagonal and β as the bias column beside it.
    """
    ws = openpyxl.load_workbook(path, data_only=True)["Transformer "]
    scale_shift = block(ws, "O147:T151")
    gamma = [[row[k]] for k, row in enumerate(scale_shift)]
    beta = [[row[-1]] for row in scale_shift]
    given = [
        toml_matrix("X", "input", block(ws, "Z133:AE137")),
        toml_matrix("γ", "weight", gamma),
        toml_matrix("β", "bias", beta),
    ]
    steps = [toml_step("layer_norm", ["X", "γ", "β"], "Y", role="output")]
    expected = {"N": block(ws, "Z140:AE144"), "Y": block(ws, "Z147:AE151")}
    write("full-stack-layer-norm", "Layer norm: the full-stack sheet's first add & norm", given, steps, expected)


def transposed(values: list[list[Any]]) -> list[list[Any]]:
    return [list(row) for row in zip(*values, strict=True)]


def full_stack_vocabulary(path: Path) -> None:
    """The full-stack sheet's embeddings (the encoder's and the decoder's tokens, their
    columns picked from each table) and its end: the softmax of the logits over the
    24-word vocabulary, and the next token. The sheet has a row per word; handtf lays
    the vocabulary along the columns, so the one-hot matrices, the logits and the
    probabilities are typed in transposed. The decoder's last two positions hold no
    token yet (their one-hot columns are all 0): only its first six are picked.
    """
    ws = openpyxl.load_workbook(path, data_only=True)["Transformer "]
    source_words = [str(w) for w in block(ws, "C39:R39")[0]]
    target_words = [str(w) for w in block(ws, "BJ39:CG39")[0]]
    tokens = [str(w) for w in block(ws, "Z18:AE18")[0]]
    shifted = [str(w) for w in block(ws, "CL9:CQ9")[0]]
    logits = transposed(block(ws, "CL367:CS390"))
    given = [
        toml_matrix("E", "weight", block(ws, "C41:R45"), col_labels=source_words),
        toml_matrix("T", "input", transposed(block(ws, "Z21:AE36")), row_labels=tokens, col_labels=source_words),
        toml_matrix("Ed", "weight", block(ws, "BJ41:CG46"), col_labels=target_words),
        toml_matrix("Td", "input", transposed(block(ws, "CL12:CQ35")), row_labels=shifted, col_labels=target_words),
        toml_matrix("L", "hidden", logits, col_labels=target_words),
    ]
    steps = [
        toml_step("embedding", ["E", "T"], "X"),
        toml_step("embedding", ["Ed", "Td"], "Y"),
        toml_step("softmax_rows", ["L"], "P", names=["EL", "ΣL"]),
        toml_step("next_token", ["P"], "N", vocabulary=target_words, role="output"),
    ]
    probabilities = transposed(block(ws, "CL397:CS420"))
    expected = {
        "X": block(ws, "Z41:AE45"),
        "Y": block(ws, "CL41:CQ46"),
        "P": probabilities,
        "N": [[max(row)] for row in probabilities],
    }
    write("full-stack-vocabulary", "The full-stack sheet's embeddings and next token", given, steps, expected)


def mlp_small(path: Path) -> None:
    """The "small" sheet: X (4 features x a batch of 2); three Linear + ReLU layers and
    Linear(3,1) + sigmoid, each layer's W, b, W·A + b and its activation in a row."""
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    layers = (  # W, b, Z, activation
        ("B12:E14", "F12:F14", "H12:I14", "K12:L14"),
        ("F18:H21", "I18:I21", "K18:L21", "N18:O21"),
        ("H25:K27", "L25:L27", "N25:O27", "Q25:R27"),
        ("L31:N31", "O31:O31", "Q31:R31", "T31:U31"),
    )
    given = [toml_matrix("X", "input", block(ws, "H5:I8"), col_labels=["x1", "x2"])]
    steps, expected, previous = [], {}, "X"
    for n, (w, b, z, a) in enumerate(layers, start=1):
        last = n == len(layers)
        given += [toml_matrix(f"W{n}", "weight", block(ws, w)), toml_matrix(f"b{n}", "bias", block(ws, b))]
        out = "Y" if last else f"A{n}"
        steps += [
            toml_step("linear", [f"W{n}", f"b{n}", previous], f"Z{n}"),
            toml_step("sigmoid" if last else "relu", [f"Z{n}"], out, **({"role": "output"} if last else {})),
        ]
        expected[f"Z{n}"], expected[out], previous = block(ws, z), block(ws, a), out
    write("mlp-small", "The Multi-Layer Perceptron sheet, small", given, steps, expected)


def rnn_small(path: Path) -> None:
    """The "small" sheet: four time steps of Fₜ = [Wx | Wh | bh]·[Xₜ; Hₜ₋₁; 1] and
    Hₜ = tanh(Fₜ), one column per step, then Yₜ = σ(Wy·Hₜ + by)."""
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    cols = ("L", "O", "R", "U")  # t = 1..4
    given = [toml_matrix(f"X{t}", "input", block(ws, f"{c}6:{c}9")) for t, c in enumerate(cols, start=1)]
    given += [
        toml_matrix("H0", "hidden", block(ws, "L10:L12")),
        toml_matrix("Wx", "weight", block(ws, "B16:E18")),
        toml_matrix("Wh", "weight", block(ws, "F16:H18")),
        toml_matrix("bh", "bias", block(ws, "I16:I18")),
        toml_matrix("Wy", "weight", block(ws, "F27:H27")),
        toml_matrix("by", "bias", block(ws, "I27:I27")),
    ]
    steps, expected = [toml_step("concat", ["Wx", "Wh"], "W")], {}
    for t, c in enumerate(cols, start=1):
        steps += [
            toml_step("stack", [f"X{t}", f"H{t - 1}"], f"XH{t}"),
            toml_step("linear", ["W", "bh", f"XH{t}"], f"F{t}"),
            toml_step("tanh", [f"F{t}"], f"H{t}"),
        ]
        expected[f"F{t}"], expected[f"H{t}"] = block(ws, f"{c}16:{c}18"), block(ws, f"{c}21:{c}23")
    steps += [
        toml_step("concat", [f"H{t}" for t in range(1, 5)], "H"),
        toml_step("linear", ["Wy", "by", "H"], "O"),
        toml_step("sigmoid", ["O"], "Y", role="output"),
    ]
    expected["O"] = [[ws[f"{c}27"].value for c in cols]]
    expected["Y"] = [[ws[f"{c}29"].value for c in cols]]
    write("rnn-small", "The RNN sheet, small", given, steps, expected)


def lstm_small(path: Path) -> None:
    """The "small" sheet: four time steps, each reading [Xₜ; Hₜ₋₁; 1] through the
    forget, candidate, input and output gates, each [W | b] beside it; the updated
    memory Cₜ = Fₜ ⊙ Cₜ₋₁ + Iₜ ⊙ Gₜ and the new hidden state Hₜ = Oₜ ⊙ tanh(Cₜ)."""
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    zs, outs = ("I", "N", "R", "V"), ("K", "P", "T", "X")  # t = 1..4: the weighted sums, the gates
    given = [toml_matrix(f"X{t}", "input", block(ws, f"{c}5:{c}7")) for t, c in enumerate(zs, start=1)]
    given += [toml_matrix("H0", "hidden", block(ws, "I8:I9")), toml_matrix("C0", "hidden", block(ws, "K8:K9"))]
    gates = (("F", 13, "sigmoid"), ("G", 18, "tanh"), ("I", 23, "sigmoid"), ("O", 35, "sigmoid"))
    for g, row, _ in gates:
        given += [
            toml_matrix(f"W{g.lower()}", "weight", block(ws, f"B{row}:F{row + 1}")),
            toml_matrix(f"b{g.lower()}", "bias", block(ws, f"G{row}:G{row + 1}")),
        ]
    steps, expected = [], {}
    for t, (z, c) in enumerate(zip(zs, outs, strict=True), start=1):
        steps.append(toml_step("stack", [f"X{t}", f"H{t - 1}"], f"XH{t}"))
        for g, row, function in gates:
            steps += [
                toml_step("linear", [f"W{g.lower()}", f"b{g.lower()}", f"XH{t}"], f"Z{g}{t}"),
                toml_step(function, [f"Z{g}{t}"], f"{g}{t}"),
            ]
            expected[f"Z{g}{t}"], expected[f"{g}{t}"] = (
                block(ws, f"{z}{row}:{z}{row + 1}"),
                block(ws, f"{c}{row}:{c}{row + 1}"),
            )
        steps += [
            toml_step("cell_update", [f"F{t}", f"C{t - 1}", f"I{t}", f"G{t}"], f"C{t}"),
            toml_step("tanh", [f"C{t}"], f"T{t}"),
            toml_step("multiply", [f"O{t}", f"T{t}"], f"H{t}", role="output"),
        ]
        expected[f"C{t}"], expected[f"T{t}"] = block(ws, f"{c}27:{c}28"), block(ws, f"{c}30:{c}31")
        expected[f"H{t}"] = block(ws, f"{c}38:{c}39")
    write("lstm-small", "The LSTM sheet, small", given, steps, expected)


def backprop_sheet(path: Path) -> None:
    """The Backprop sheet, forward through its three layers and the softmax, the loss
    gradient P − Y, and layer 3's gradients: ∂W3 and ∂b3 (the sheet's [A2; 1]·G3ᵀ,
    transposed) and the gradient passed down, D2 = W3ᵀ·G3 (its G3ᵀ·W3, transposed).
    The sheet stops there for a check: it copies D2 on as layer 2's gradient without
    ReLU's mask (its P20 is =J30), where layer 1 applies it (M11 is =IF(J15>0,H20,0))."""
    ws = openpyxl.load_workbook(path, data_only=True)["Backprop"]
    given = [toml_matrix("X", "input", block(ws, "J5:K8"))]
    for n, (w, b) in enumerate((("D15:G17", "H15:H17"), ("H24:J27", "K24:K27"), ("J34:M36", "N34:N36")), start=1):
        given += [toml_matrix(f"W{n}", "weight", block(ws, w)), toml_matrix(f"b{n}", "bias", block(ws, b))]
    given.append(toml_matrix("Y", "input", block(ws, "V34:W36")))
    steps = [
        toml_step("linear", ["W1", "b1", "X"], "Z1"),
        toml_step("relu", ["Z1"], "A1"),
        toml_step("linear", ["W2", "b2", "A1"], "Z2"),
        toml_step("relu", ["Z2"], "A2"),
        toml_step("linear", ["W3", "b3", "A2"], "Z3"),
        toml_step("softmax", ["Z3"], "P", names=["E3", "Σ3"]),
        toml_step("subtract", ["P", "Y"], "G3"),
        toml_step("weight_gradient", ["G3", "A2"], "∂W3"),
        toml_step("row_sums", ["G3"], "∂b3"),
        toml_step("input_gradient", ["W3", "G3"], "D2", role="output"),
    ]
    transposed = [list(row) for row in zip(*block(ws, "S24:U28"), strict=True)]  # [∂W3 | ∂b3]
    expected = {
        "Z1": block(ws, "J15:K17"),
        "A1": block(ws, "M15:N17"),
        "Z2": block(ws, "M24:N27"),
        "A2": block(ws, "P24:Q27"),
        "Z3": block(ws, "P34:Q36"),
        "P": block(ws, "S34:T36"),
        "G3": block(ws, "Y34:Z36"),
        "∂W3": [row[:4] for row in transposed],
        "∂b3": [row[4:] for row in transposed],
        "D2": [list(row) for row in zip(*block(ws, "J30:M31"), strict=True)],
    }
    write("backprop", "The Backpropagation sheet, forward and layer 3 back", given, steps, expected)


def softmax_sheet(path: Path) -> None:
    """The Softmax sheet: its three columns with e, and its three with 3 in place of e,
    each x's exps, their sum and each share."""
    ws = openpyxl.load_workbook(path, data_only=True)["Softmax"]
    given, steps, expected = [], [], {}
    blocks = (("B", "D", "F", 5, 8, 10), ("H", "J", "L", 5, 10, 12), ("N", "P", "R", 5, 14, 16))
    for base, top in (("e", 0), (3, 15)):
        for n, (x, e, p, first, last, sums) in enumerate(blocks, start=1):
            name = f"x{n}" if base == "e" else f"z{n}"

            def column(c: str, first: int = first + top, last: int = last + top) -> list[list[float]]:
                return block(ws, f"{c}{first}:{c}{last}")

            given.append(toml_matrix(name, "input", column(x)))
            more = {"names": [f"E{name}", f"Σ{name}"], **({"base": base} if base != "e" else {})}
            steps.append(toml_step("softmax", [name], f"P{name}", **more))
            expected[f"E{name}"] = column(e)
            expected[f"Σ{name}"] = [[ws[f"{e}{sums + top}"].value]]  # the sum of the exps, under them
            expected[f"P{name}"] = column(p)
    write("softmax", "The Softmax sheet, with e and with 3", given, steps, expected)


def autoencoder_small(path: Path) -> None:
    """The "small" sheet: encode 4 → 3 → 2, decode 2 → 3 → 4, each with ReLU; then
    Y − X, its squares and their mean, the MSE."""
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    layers = (
        ("B12:E14", "F12:F14", "H12:I14", "K12:L14"),
        ("F18:H19", "I18:I19", "K18:L19", "N18:O19"),
        ("J23:K25", "L23:L25", "N23:O25", "Q23:R25"),
        ("L29:N32", "O29:O32", "Q29:R32", "T29:U32"),
    )
    given, steps, expected, previous = [toml_matrix("X", "input", block(ws, "H5:I8"))], [], {}, "X"
    for n, (w, b, z, a) in enumerate(layers, start=1):
        out = "Y" if n == 4 else f"A{n}"
        given += [toml_matrix(f"W{n}", "weight", block(ws, w)), toml_matrix(f"b{n}", "bias", block(ws, b))]
        steps += [toml_step("linear", [f"W{n}", f"b{n}", previous], f"Z{n}"), toml_step("relu", [f"Z{n}"], out)]
        expected[f"Z{n}"], expected[out], previous = block(ws, z), block(ws, a), out
    steps += [
        toml_step("subtract", ["Y", "X"], "E"),
        toml_step("multiply", ["E", "E"], "E²"),
        toml_step("mean_all", ["E²"], "MSE", role="output"),
    ]
    expected["E"], expected["E²"], expected["MSE"] = block(ws, "T40:U43"), block(ws, "Q40:R43"), [[ws["M41"].value]]
    write("autoencoder-small", "The Autoencoder sheet, small", given, steps, expected)


def resnet_small(path: Path) -> None:
    """The "small" sheet: A1 = ReLU(W1·X + b1); X + f(X) = [I | W2]·[X; A1] + b2, the
    identity beside W2 as the sheet writes it, and ReLU; then σ(W3·A2 + b3)."""
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    given = [
        toml_matrix("X", "input", block(ws, "I5:J8")),
        toml_matrix("W1", "weight", block(ws, "C12:F14")),
        toml_matrix("b1", "bias", block(ws, "G12:G14")),
        toml_matrix("I", "weight", block(ws, "B19:E22")),
        toml_matrix("W2", "weight", block(ws, "G19:I22")),
        toml_matrix("b2", "bias", block(ws, "J19:J22")),
        toml_matrix("W3", "weight", block(ws, "I26:L26")),
        toml_matrix("b3", "bias", block(ws, "M26:M26")),
    ]
    steps = [
        toml_step("linear", ["W1", "b1", "X"], "Z1"),
        toml_step("relu", ["Z1"], "A1"),
        toml_step("stack", ["X", "A1"], "XA"),
        toml_step("concat", ["I", "W2"], "W"),
        toml_step("linear", ["W", "b2", "XA"], "Z2"),
        toml_step("relu", ["Z2"], "A2"),
        toml_step("linear", ["W3", "b3", "A2"], "Z3"),
        toml_step("sigmoid", ["Z3"], "Y", role="output"),
    ]
    expected = {
        "Z1": block(ws, "I12:J14"),
        "A1": block(ws, "L12:M14"),
        "Z2": block(ws, "L19:M22"),
        "A2": block(ws, "O19:P22"),
        "Z3": block(ws, "O26:P26"),
        "Y": block(ws, "R26:S26"),
    }
    write("resnet-small", "The ResNet sheet, small", given, steps, expected)


def temperature_small(path: Path) -> None:
    """The Temperature sheet "small": five words' logits divided by T = 2, the
    softmax, then the words sorted by probability with their ranges of the cumulative
    probability, and the word whose range holds r = 0.45. The sheet types its
    probabilities in, rounded to 2 places, instead of computing them: handtf's are
    checked rounded ("decimals"), and the sheet's sampling, which works from its typed
    probabilities, is worked from those (P). "labels" are the words the sheet writes
    beside the sorted rows and the word it samples. The sheet's last range ends at 1,
    not at the sum of its typed probabilities (0.99); that one cell is the sum here.
    """
    ws = openpyxl.load_workbook(path, data_only=True)["small"]
    words = [row[0] for row in block(ws, "B9:B13")]
    t = ws["E4"].value
    given = [
        toml_matrix("Z", "input", block(ws, "C9:C13"), row_labels=words),
        toml_matrix("P", "input", block(ws, "J9:J13"), row_labels=words),
        toml_matrix("r", "input", [[ws["P4"].value]]),
    ]
    steps = [
        toml_step("temperature", ["Z"], "Z/T", T=t),
        toml_step("softmax", ["Z/T"], "Y", names=["E", "Σ"]),
        toml_step("cumulative", ["P"], "C"),
        toml_step("sample", ["C", "r"], "S"),
    ]
    ranges = [[row[0], row[2]] for row in block(ws, "O9:Q13")]
    # The sheet closes its last range at 1, where its typed probabilities sum to 0.99;
    # handtf's last range ends where the sum does (0.93 + 0.06), so that cell is the sum.
    assert ranges[-1][1] == 1 and sum(row[0] for row in block(ws, "J9:J13")) != 1
    ranges[-1][1] = ranges[-1][0] + block(ws, "M9:M13")[-1][0]
    sampled = next(row[0] for row in block(ws, "S9:S13") if row[0])
    picked = [row[0] for row in block(ws, "L9:L13")].index(sampled)
    expected = {
        "Z/T": block(ws, "E9:E13"),
        "E": block(ws, "H9:H13"),
        "Y": block(ws, "J9:J13"),
        "C": ranges,
        "S": [[block(ws, "M9:M13")[picked][0]]],
    }
    labels = {"C": [row[0] for row in block(ws, "L9:L13")], "S": [sampled]}
    decimals = {"Y": 2}
    write(
        "temperature-small",
        "The Temperature sheet, small",
        given,
        steps,
        {"decimals": decimals, "labels": labels, **expected},
    )


if __name__ == "__main__":
    sheets = {
        "Multi-Layer Perceptron.xlsx": (mlp_small,),
        "RNN.xlsx": (rnn_small,),
        "LSTM.xlsx": (lstm_small,),
        "Backpropgation.xlsx": (backprop_sheet,),
        "Softmax.xlsx": (softmax_sheet,),
        "Autoencoder.xlsx": (autoencoder_small,),
        "ResNet.xlsx": (resnet_small,),
        "Temperature.xlsx": (temperature_small,),
        "Multihead-Attention.xlsx": (three_heads,),
        "Self-Attention.xlsx": (self_attention_small,),
        "Transformer-Full-Stack.xlsx": (full_stack_layer_norm, full_stack_vocabulary),
    }
    for arg in sys.argv[1:]:
        for typed_in in sheets[Path(arg).name]:
            typed_in(Path(arg))
