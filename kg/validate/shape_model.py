"""The SHACL shapes as the compiled engine runs them, read with pyshacl's own shape parser.

pyshacl's ``ShapesGraph`` and constraint components parse each shape (severity, messages,
deactivation, parameters), so both engines read the shapes the same way. Only the constraint
components and paths this module lists are compiled; any other raises ``UnsupportedShapes``
so a new kind of shape cannot go silently unchecked (the caller then runs pyshacl). sh:or is
compiled on a property shape when each of its shapes only checks the value itself
(``[ sh:datatype xsd:date ]``): pyshacl then decides it value by value like sh:datatype.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from pyshacl.constraints import CONSTRAINT_PARAMETERS_MAP
from pyshacl.shape import Shape as PyShape
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import KgError

OPERAND_KINDS = ("datatype", "nodeKind", "pattern", "minLength", "maxLength", "languageIn",
                 "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "in")
"""Components that read nothing but the value: allowed in the shapes of a compiled sh:or."""
VALUE_KINDS = (*OPERAND_KINDS, "or")
"""Components decided value by value, by pyshacl's own code on the candidates a query finds."""
PROPERTY_KINDS = frozenset((*VALUE_KINDS, "minCount", "maxCount", "class", "uniqueLang",
                            "hasValue", "node", "sparql"))
NODE_KINDS = frozenset(("property", "sparql"))
TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)


class UnsupportedShapes(KgError):
    """A shape uses SHACL the compiled engine does not run; validate with pyshacl instead."""


@dataclass(frozen=True)
class PathStep:
    """A property path of one predicate, followed forwards or (``inverse``) backwards."""

    predicate: str
    inverse: bool
    node: Node


@dataclass(frozen=True)
class Targets:
    """How a shape picks its focus nodes."""

    classes: tuple[str, ...] = ()
    subjects_of: tuple[str, ...] = ()
    objects_of: tuple[str, ...] = ()
    nodes: tuple[Node, ...] = ()


@dataclass(eq=False)
class Constraint:
    """One constraint component of one shape, with pyshacl's parsed component."""

    kind: str
    component: Any
    shape: CompiledShape
    index: int = 0
    operands: tuple[tuple[CompiledShape, ...], ...] = ()
    """For sh:or, the shapes of each of its lists (each holding only OPERAND_KINDS)."""

    @property
    def key(self) -> str:
        """A stable name for the constraint: the shape's key, the component and a number."""
        return f"{self.shape.key}|{self.kind}|{self.index}"


@dataclass(eq=False)
class CompiledShape:
    """A node or property shape: its path, severity, messages and constraints."""

    node: Node
    pyshape: PyShape
    key: str
    path: PathStep | None
    constraints: list[Constraint] = field(default_factory=list)
    properties: list[CompiledShape] = field(default_factory=list)
    targets: Targets = field(default_factory=Targets)

    @property
    def severity(self) -> Node:
        """sh:severity, sh:Violation when the shape states none."""
        return self.pyshape.severity

    @property
    def messages(self) -> list[Node]:
        """The shape's sh:message values."""
        return list(self.pyshape.message)


@dataclass
class ShapeModel:
    """Every compiled shape; ``roots`` are the active shapes that have targets."""

    graph: Graph
    shapes_graph: ShapesGraph
    shapes: dict[Node, CompiledShape]
    roots: list[CompiledShape]
    _keys: dict[str, Node] | None = field(default=None, repr=False)

    def constraints(self) -> list[Constraint]:
        """Every constraint of every compiled shape."""
        return [c for shape in self.shapes.values() for c in shape.constraints]

    def nodes_by_key(self) -> dict[str, Node]:
        """Every shape and sh:SPARQLConstraint node, by its ``node_key``."""
        if self._keys is None:
            keys = {shape.key: node for node, shape in self.shapes.items()}
            for constraint in self.constraints():
                if constraint.kind == "sparql":
                    for helper in constraint.component.sparql_constraints:
                        keys[node_key(self.graph, helper.node)] = helper.node
            self._keys = keys
        return self._keys


def _describe(graph: Graph, node: Node, depth: int = 0) -> str:
    """Text equal for two blank nodes exactly when their descriptions are (up to depth 8)."""
    if not isinstance(node, BNode) or depth > 8:
        return node.n3()
    lines = sorted(f"{p.n3()} {_describe(graph, o, depth + 1)}"
                   for p, o in graph.predicate_objects(node))
    return "[" + " ; ".join(lines) + "]"


def node_key(graph: Graph, node: Node) -> str:
    """A name for a node of the shapes graph: its IRI, or a hash of a blank node's
    description (the same in every run)."""
    if isinstance(node, URIRef):
        return str(node)
    return "_:" + hashlib.sha256(_describe(graph, node).encode()).hexdigest()[:16]


def _local(predicate: Node) -> str:
    return str(predicate)[len(str(SH)):]


def _path(graph: Graph, shape: Node) -> PathStep | None:
    paths = list(graph.objects(shape, SH.path))
    if not paths:
        return None
    node = paths[0]
    if isinstance(node, URIRef):
        return PathStep(str(node), False, node)
    inverse = list(graph.objects(node, SH.inversePath))
    if isinstance(node, BNode) and len(inverse) == 1 and isinstance(inverse[0], URIRef) \
            and len(list(graph.predicate_objects(node))) == 1:
        return PathStep(str(inverse[0]), True, node)
    raise UnsupportedShapes(f"{_name(shape)}: only predicate and sh:inversePath paths are "
                            "compiled; validate with --engine pyshacl")


def _name(node: Node) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else "a blank-node shape"


def _targets(pyshape: PyShape) -> Targets:
    nodes, classes, implicit, objects_of, subjects_of = pyshape.target()
    return Targets(
        classes=tuple(sorted({str(c) for c in [*classes, *implicit]})),
        subjects_of=tuple(sorted(str(p) for p in subjects_of)),
        objects_of=tuple(sorted(str(p) for p in objects_of)),
        nodes=tuple(sorted(set(nodes), key=str)),
    )


class _Compiler:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.sg = ShapesGraph(graph)
        self.pyshapes = {s.node: s for s in self.sg.shapes}
        self.shapes: dict[Node, CompiledShape] = {}

    def key(self, node: Node) -> str:
        """The IRI of a named shape; for a blank one, a hash of its description."""
        return node_key(self.graph, node)

    def shape(self, node: Node, stack: tuple[Node, ...] = ()) -> CompiledShape:
        if node in stack:
            raise UnsupportedShapes(f"{_name(node)}: recursive shapes are not compiled")
        if node in self.shapes:
            return self.shapes[node]
        pyshape = self.pyshapes.get(node)
        if pyshape is None:
            raise UnsupportedShapes(f"{_name(node)}: not a shape pyshacl recognises")
        compiled = CompiledShape(node, pyshape, self.key(node), _path(self.graph, node),
                                 targets=_targets(pyshape))
        self.shapes[node] = compiled
        allowed = PROPERTY_KINDS if compiled.path is not None else NODE_KINDS | set(OPERAND_KINDS)
        seen: set[str] = set()
        for predicate in sorted({p for p, _ in self.graph.predicate_objects(node)}, key=str):
            if predicate not in CONSTRAINT_PARAMETERS_MAP:
                continue
            kind = _local(predicate)
            if kind not in allowed:
                raise UnsupportedShapes(
                    f"{_name(node)}: sh:{kind} on a {'property' if compiled.path else 'node'} "
                    "shape is not compiled; validate with --engine pyshacl")
            if kind in seen:
                continue
            seen.add(kind)
            component = CONSTRAINT_PARAMETERS_MAP[predicate](pyshape)
            if kind == "property":
                compiled.properties = [self.shape(p, (*stack, node))
                                       for p in component.property_shapes]
                continue
            operands: tuple[tuple[CompiledShape, ...], ...] = ()
            if kind == "node":
                for nested in component.node_shapes:
                    _refuse_value_level(self.shape(nested, (*stack, node)), "sh:node")
            if kind == "or":
                operands = tuple(tuple(self.operand(member, (*stack, node))
                                       for member in self.graph.items(listed))
                                 for listed in component.or_list)
            compiled.constraints.append(Constraint(kind, component, compiled, len(seen),
                                                   operands))
        return compiled

    def operand(self, node: Node, stack: tuple[Node, ...]) -> CompiledShape:
        """A shape of an sh:or list; only one that checks the value alone is compiled."""
        shape = self.shape(node, stack)
        if shape.path is not None or shape.properties or any(
                c.kind not in OPERAND_KINDS for c in shape.constraints):
            raise UnsupportedShapes(
                f"{_name(node)}: sh:or is compiled only with shapes that check the value "
                "alone (sh:datatype, sh:pattern, ...); validate with --engine pyshacl")
        return shape


def _refuse_value_level(shape: CompiledShape, how: str) -> None:
    """Value-level components on a node shape are compiled only inside sh:or."""
    if shape.path is None:
        for constraint in shape.constraints:
            if constraint.kind in OPERAND_KINDS:
                raise UnsupportedShapes(
                    f"{_name(shape.node)}: sh:{constraint.kind} on a node shape reached by "
                    f"{how} is not compiled (only inside sh:or); validate with --engine pyshacl")


def compile_shapes(graph: Graph) -> ShapeModel:
    """The compiled form of the shapes in ``graph``; UnsupportedShapes for what it cannot run."""
    compiler = _Compiler(graph)
    if compiler.sg.custom_constraints:
        raise UnsupportedShapes("custom constraint components are not compiled")
    roots = []
    for node in sorted(compiler.pyshapes, key=lambda n: (isinstance(n, BNode), str(n))):
        shape = compiler.shape(node)
        has_target = any(getattr(shape.targets, name) for name in
                         ("classes", "subjects_of", "objects_of", "nodes"))
        if has_target and not shape.pyshape.deactivated:
            _refuse_value_level(shape, "its targets")
            roots.append(shape)
    return ShapeModel(graph, compiler.sg, compiler.shapes, roots)
