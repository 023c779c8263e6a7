// What the graph computes after the tree ensemble. Each float output reached from the summed path length p by
// elementwise operators on constants is evaluated as a function of p, and recognised when it is
// a * 2^(-p / c) + b: scikit-learn's score (a = 1), score_samples (a = -1, b = 0) or decision_function
// (a = -1, b = -offset_). Evaluating instead of matching operator patterns accepts any arrangement of the formula.
import { invalidModel, scalarOf, type Graph, type Node } from './onnx-graph.ts';

export interface ScoreFormula {
  /** The graph output this describes. */
  output: string;
  a: number;
  b: number;
  /** c(psi), the normaliser of the mean path length. */
  c: number;
}

type Unary = (x: number) => number;
type Binary = (x: number, y: number) => number;
const BINARY: Record<string, Binary> = {
  Add: (x, y) => x + y,
  Sub: (x, y) => x - y,
  Mul: (x, y) => x * y,
  Div: (x, y) => x / y,
  Pow: (x, y) => Math.pow(x, y),
};
const UNARY: Record<string, Unary> = {
  Neg: (x) => -x,
  Reciprocal: (x) => 1 / x,
  Exp: Math.exp,
  Log: Math.log,
  Identity: (x) => x,
  Cast: (x) => x,
  // Shape-only operators on a [N, 1] column; their second input is a shape or axes, not a value.
  Reshape: (x) => x,
  Squeeze: (x) => x,
  Unsqueeze: (x) => x,
  Flatten: (x) => x,
};

/** Evaluates `name` as a function of the ensemble output `source`; undefined where an unsupported op is met. */
function compile(
  graph: Graph,
  source: string,
  name: string,
  seen = new Set<string>(),
): ((p: number) => number) | undefined {
  if (name === source) return (p) => p;
  const constant = scalarOf(graph, name);
  if (constant !== undefined) return () => constant;
  if (seen.has(name)) return undefined;
  seen.add(name);
  const node: Node | undefined = (graph.node ?? []).find((n) => (n.output ?? [])[0] === name);
  if (!node) return undefined;
  const inputs = node.input ?? [];
  const op = node.opType ?? '';
  if (op in UNARY) {
    const x = compile(graph, source, inputs[0] ?? '', seen);
    return x && ((p) => UNARY[op]!(x(p)));
  }
  if (op in BINARY && inputs.length === 2) {
    const x = compile(graph, source, inputs[0]!, seen);
    const y = compile(graph, source, inputs[1]!, seen);
    return x && y && ((p) => BINARY[op]!(x(p), y(p)));
  }
  return undefined;
}

/** Fits a * 2^(-p/c) + b through f(0), f(L), f(2L) and checks it at more points; undefined when f is not one. */
export function fitScoreFormula(f: (p: number) => number): Omit<ScoreFormula, 'output'> | undefined {
  const L = 1;
  const [f0, f1, f2] = [f(0), f(L), f(2 * L)];
  const curvature = f0 + f2 - 2 * f1;
  if (!Number.isFinite(curvature) || Math.abs(curvature) < 1e-12) return undefined;
  let b = (f0 * f2 - f1 * f1) / curvature;
  let a = f0 - b;
  // scikit-learn's forms have a = +-1: take it exactly, and b from f(0) = a + b, which the fit only approximates.
  if (Math.abs(Math.abs(a) - 1) < 1e-9) {
    a = Math.sign(a);
    b = f0 - a;
  }
  const ratio = (f1 - b) / a;
  if (!(ratio > 0 && ratio < 1)) return undefined;
  const c = -L / Math.log2(ratio);
  for (const p of [0.5, 3, 7.5, 12, 20, 40]) {
    const expected = a * Math.pow(2, -p / c) + b;
    if (!(Math.abs(f(p) - expected) <= 1e-9 * (1 + Math.abs(expected)))) return undefined;
  }
  return { a, b, c };
}

/** The graph outputs computed from `source` as an Isolation Forest score, best first (decision_function, then any). */
export function findScoreFormulas(graph: Graph, source: string): ScoreFormula[] {
  const found: ScoreFormula[] = [];
  for (const output of graph.output ?? []) {
    const f = compile(graph, source, output.name ?? '');
    const fitted = f && fitScoreFormula(f);
    if (fitted) found.push({ output: output.name ?? '', ...fitted });
  }
  if (found.length === 0)
    throw invalidModel(
      'model.output',
      'not an IsolationForest: no output computes a * 2^(-E[h]/c) + b from the tree ensemble path lengths',
    );
  const decisionLike = (s: ScoreFormula) => (s.a < 0 && s.b !== 0 ? 0 : 1);
  return found.sort((x, y) => decisionLike(x) - decisionLike(y));
}
