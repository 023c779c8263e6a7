#!/usr/bin/python3
"""Trains the inference app's test models, exports them to ONNX and writes the framework's own outputs beside them.

Run by hand, not in CI (Debian's packages, since the Python package index is not reachable here):
    apt-get install -y python3-torch python3-onnx python3-sklearn
    /usr/bin/python3 apps/inference/models/make-models.py

Each model NAME gets NAME.onnx and NAME.json: {"metadata": ... (what a publisher would attach),
"reference": {"inputs": {name: rows}, "outputs": {name: values}}} where the outputs are the training framework's
own answers for those inputs. skl2onnx is not installable here, so the scikit-learn models are written as ONNX-ML
graphs from the fitted estimators' parameters with onnx's helper API, the way skl2onnx writes them (no ZipMap:
probabilities stay a tensor, which every ONNX Runtime binding can return).
"""
import json
import math
import os

import numpy as np
import onnx
from onnx import TensorProto, helper
from sklearn.datasets import load_iris, load_wine
from sklearn.ensemble import IsolationForest, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

OUT = os.path.dirname(os.path.abspath(__file__))
ML = helper.make_opsetid("ai.onnx.ml", 3)
OPSET = [helper.make_opsetid("", 17), ML]
N_REF = 24  # reference rows per model: enough to cover every class, few enough to keep the JSON small


def save(name, model, metadata, inputs, outputs):
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, name + ".onnx"))
    ref = {
        "metadata": metadata,
        "reference": {
            "inputs": {k: v.astype(np.float32).tolist() for k, v in inputs.items()},
            "outputs": {k: v.tolist() for k, v in outputs.items()},
        },
    }
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print(name, os.path.getsize(os.path.join(OUT, name + ".onnx")), "bytes")


def graph(name, nodes, n_features, outputs):
    x = helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", n_features])
    g = helper.make_graph(nodes, name, [x], outputs)
    m = helper.make_model(g, opset_imports=OPSET, producer_name="suite-make-models")
    m.ir_version = 8
    return m


def logistic_pipeline():
    """StandardScaler + multinomial LogisticRegression on iris: Scaler -> LinearClassifier (SOFTMAX)."""
    data = load_iris()
    x_tr, x_te, y_tr, y_te = train_test_split(data.data, data.target, test_size=0.3, random_state=0, stratify=data.target)
    scaler = StandardScaler().fit(x_tr)
    clf = LogisticRegression(max_iter=500).fit(scaler.transform(x_tr), y_tr)
    nodes = [
        # Scaler computes (x - offset) * scale.
        helper.make_node("Scaler", ["features"], ["scaled"], domain="ai.onnx.ml",
                         offset=scaler.mean_.tolist(), scale=(1 / scaler.scale_).tolist()),
        helper.make_node("LinearClassifier", ["scaled"], ["label", "probabilities"], domain="ai.onnx.ml",
                         coefficients=clf.coef_.ravel().tolist(), intercepts=clf.intercept_.tolist(),
                         classlabels_ints=[int(c) for c in clf.classes_], multi_class=1, post_transform="SOFTMAX"),
    ]
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])]
    x = x_te[:N_REF].astype(np.float32)
    acc = float(clf.score(scaler.transform(x_te), y_te))
    save("iris-logreg", graph("iris-logreg", nodes, 4, outs),
         {"framework": "scikit-learn", "estimator": "StandardScaler + LogisticRegression", "labels": data.target_names.tolist(),
          "preprocessing": "raw iris measurements in cm (sepal length, sepal width, petal length, petal width); scaling is in the graph",
          "metrics": {"testAccuracy": acc}},
         {"features": x},
         {"label": clf.predict(scaler.transform(x)), "probabilities": clf.predict_proba(scaler.transform(x))})


def tree_nodes(trees, feature_map, leaf_targets, prefix):
    """Flattens fitted sklearn trees into the ONNX-ML tree-ensemble attribute lists (BRANCH_LEQ like sklearn)."""
    a = {k: [] for k in ["nodes_treeids", "nodes_nodeids", "nodes_featureids", "nodes_values", "nodes_modes",
                         "nodes_truenodeids", "nodes_falsenodeids", prefix + "_treeids", prefix + "_nodeids",
                         prefix + "_ids", prefix + "_weights"]}
    for t, (tree, features) in enumerate(zip(trees, feature_map)):
        s = tree.tree_
        for n in range(s.node_count):
            leaf = s.children_left[n] == -1
            a["nodes_treeids"].append(t)
            a["nodes_nodeids"].append(n)
            a["nodes_featureids"].append(0 if leaf else int(features[s.feature[n]]))
            a["nodes_values"].append(0.0 if leaf else float(s.threshold[n]))
            a["nodes_modes"].append("LEAF" if leaf else "BRANCH_LEQ")
            a["nodes_truenodeids"].append(0 if leaf else int(s.children_left[n]))
            a["nodes_falsenodeids"].append(0 if leaf else int(s.children_right[n]))
            if leaf:
                for target, weight in leaf_targets(t, s, n):
                    a[prefix + "_treeids"].append(t)
                    a[prefix + "_nodeids"].append(n)
                    a[prefix + "_ids"].append(target)
                    a[prefix + "_weights"].append(weight)
    return a


def random_forest():
    """RandomForestClassifier on wine: TreeEnsembleClassifier averaging the trees' leaf class frequencies."""
    data = load_wine()
    x_tr, x_te, y_tr, y_te = train_test_split(data.data, data.target, test_size=0.3, random_state=0, stratify=data.target)
    rf = RandomForestClassifier(n_estimators=12, max_depth=4, random_state=0).fit(x_tr, y_tr)
    k = len(rf.estimators_)

    def targets(t, s, n):
        v = s.value[n][0]
        return [(c, float(v[c] / v.sum() / k)) for c in range(len(v))]

    attrs = tree_nodes(rf.estimators_, [range(x_tr.shape[1])] * k, targets, "class")
    nodes = [helper.make_node("TreeEnsembleClassifier", ["features"], ["label", "probabilities"], domain="ai.onnx.ml",
                              classlabels_int64s=[int(c) for c in rf.classes_], post_transform="NONE", **attrs)]
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["N", 3])]
    x = x_te[:N_REF].astype(np.float32)
    save("wine-forest", graph("wine-forest", nodes, 13, outs),
         {"framework": "scikit-learn", "estimator": "RandomForestClassifier(n_estimators=12, max_depth=4)",
          "labels": data.target_names.tolist(), "preprocessing": "the 13 raw wine chemistry measurements, unscaled",
          "metrics": {"testAccuracy": float(rf.score(x_te, y_te))}},
         {"features": x}, {"label": rf.predict(x), "probabilities": rf.predict_proba(x)})


def avg_path(n):
    """c(n): average path length of an unsuccessful search in a binary search tree of n points (sklearn's)."""
    if n <= 1:
        return 0.0
    if n == 2:
        return 1.0
    return 2.0 * (math.log(n - 1.0) + np.euler_gamma) - 2.0 * (n - 1.0) / n


def isolation_forest():
    """IsolationForest: TreeEnsembleRegressor sums each leaf's depth + c(leaf size) / trees, then the score formula."""
    rng = np.random.RandomState(42)
    normal = rng.normal(0, 1, size=(400, 4))
    outliers = rng.uniform(-6, 6, size=(20, 4))
    x_all = np.vstack([normal, outliers])
    forest = IsolationForest(n_estimators=25, max_samples=128, random_state=0).fit(x_all)
    k = len(forest.estimators_)

    def targets(t, s, n):
        depth = 0
        # depth of node n: walk the parents (small trees, so a scan is fine)
        parent = {c: p for p in range(s.node_count) for c in (s.children_left[p], s.children_right[p]) if c != -1}
        m = n
        while m in parent:
            m = parent[m]
            depth += 1
        return [(0, (depth + avg_path(int(s.n_node_samples[n]))) / k)]

    attrs = tree_nodes(forest.estimators_, forest.estimators_features_, targets, "target")
    c = avg_path(forest.max_samples_)
    const = lambda name, v: helper.make_node("Constant", [], [name], value=helper.make_tensor(name, TensorProto.FLOAT, [], [v]))
    nodes = [
        helper.make_node("TreeEnsembleRegressor", ["features"], ["path_length"], domain="ai.onnx.ml",
                         n_targets=1, aggregate_function="SUM", post_transform="NONE", **attrs),
        const("minus_inv_c", -1.0 / c), const("two", 2.0), const("offset", float(-forest.offset_)),
        const("zero", 0.0),
        helper.make_node("Mul", ["path_length", "minus_inv_c"], ["exponent"]),
        helper.make_node("Pow", ["two", "exponent"], ["anomaly_score"]),
        # decision_function = score_samples - offset_ = -2^(-E[h]/c) - offset_
        helper.make_node("Neg", ["anomaly_score"], ["neg_score"]),
        helper.make_node("Add", ["neg_score", "offset"], ["scores"]),
        helper.make_node("Less", ["scores", "zero"], ["is_outlier_2d"]),
        helper.make_node("Constant", [], ["axes"], value=helper.make_tensor("axes", TensorProto.INT64, [1], [1])),
        helper.make_node("Squeeze", ["is_outlier_2d", "axes"], ["is_outlier"]),
        helper.make_node("Constant", [], ["minus_one"], value=helper.make_tensor("minus_one", TensorProto.INT64, [], [-1])),
        helper.make_node("Constant", [], ["plus_one"], value=helper.make_tensor("plus_one", TensorProto.INT64, [], [1])),
        helper.make_node("Where", ["is_outlier", "minus_one", "plus_one"], ["label"]),
    ]
    outs = [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("scores", TensorProto.FLOAT, ["N", 1])]
    x = np.vstack([normal[:16], outliers[:8]]).astype(np.float32)
    save("iforest", graph("iforest", nodes, 4, outs),
         {"framework": "scikit-learn", "estimator": "IsolationForest(n_estimators=25, max_samples=128)",
          "labels": {"1": "inlier", "-1": "outlier"},
          "preprocessing": "4 raw features; scores are decision_function (negative: outlier)"},
         {"features": x}, {"label": forest.predict(x), "scores": forest.decision_function(x).reshape(-1, 1)})


def torch_mlp():
    """A PyTorch MLP on wine, standardisation inside the module, exported with a dynamic batch dimension."""
    import torch
    torch.manual_seed(0)
    data = load_wine()
    x_tr, x_te, y_tr, y_te = train_test_split(data.data, data.target, test_size=0.3, random_state=0, stratify=data.target)
    mean = torch.tensor(x_tr.mean(0), dtype=torch.float32)
    std = torch.tensor(x_tr.std(0), dtype=torch.float32)

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("mean", mean)
            self.register_buffer("std", std)
            self.body = torch.nn.Sequential(torch.nn.Linear(13, 32), torch.nn.ReLU(), torch.nn.Linear(32, 3))

        def forward(self, x):
            return torch.softmax(self.body((x - self.mean) / self.std), dim=1)

    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    xt = torch.tensor(x_tr, dtype=torch.float32)
    yt = torch.tensor(y_tr)
    for _ in range(300):
        opt.zero_grad()
        loss = torch.nn.functional.nll_loss(torch.log(net(xt) + 1e-9), yt)
        loss.backward()
        opt.step()
    net.eval()
    x = torch.tensor(x_te[:N_REF], dtype=torch.float32)
    with torch.no_grad():
        probs = net(x).numpy()
        acc = float((net(torch.tensor(x_te, dtype=torch.float32)).argmax(1).numpy() == y_te).mean())
    path = os.path.join(OUT, "wine-mlp.onnx")
    torch.onnx.export(net, (x,), path, input_names=["features"], output_names=["probabilities"],
                      dynamic_axes={"features": {0: "batch"}, "probabilities": {0: "batch"}}, opset_version=17)
    model = onnx.load(path)
    save("wine-mlp", model,
         {"framework": "pytorch", "estimator": "MLP 13-32-3, softmax", "labels": data.target_names.tolist(),
          "preprocessing": "the 13 raw wine measurements; standardisation is inside the network",
          "metrics": {"testAccuracy": acc}},
         {"features": x.numpy()}, {"probabilities": probs})


if __name__ == "__main__":
    logistic_pipeline()
    random_forest()
    isolation_forest()
    try:
        torch_mlp()
    except ImportError as error:
        print("skipping the PyTorch model:", error)
