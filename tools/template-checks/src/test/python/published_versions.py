#!/usr/bin/env python3
"""What decides whether a deploy publishes a new Lambda version, per parameter set.

Usage: published_versions.py TEMPLATE PARAMETER_SETS_JSON

PARAMETER_SETS_JSON holds {"<set name>": {"<Parameter>": "<value>", ...}, ...}. For each set the SAM template
is translated the way CloudFormation's hosted AWS::Serverless transform does it (the translator receives the
parameter values), then every AWS::Lambda::Version is reduced to what makes CloudFormation create a new one:
its logical id and its create-only properties (from cfn-lint's copy of the CloudFormation resource schemas),
with parameters, pseudo parameters, conditions and the usual intrinsics resolved. A resource attribute that a
replacement renews (Fn::GetAtt X.Attr of a read-only attribute, e.g. an AppConfig VersionNumber) is shown as
the resolved create-only properties of X, because those are what replace X.

Prints {"<set name>": {"<function logical id>": {"logicalId": ..., "replacementKey": ...}}} as JSON.
"""
from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path

from cfnlint.schema import PROVIDER_SCHEMA_MANAGER
from cfnlint.template.transforms._sam import Transform

REGION = "us-east-1"
PSEUDO = {"AWS::Region": REGION, "AWS::Partition": "aws", "AWS::AccountId": "123456789012",
          "AWS::StackName": "shipgate-demo", "AWS::URLSuffix": "amazonaws.com",
          "AWS::StackId": "arn:aws:cloudformation:us-east-1:123456789012:stack/shipgate-demo/0a1b2c3d-4e5f-6789-abcd-ef0123456789"}


def load_expander(root: Path):
    spec = importlib.util.spec_from_file_location("expand_template", root / "tools" / "expand-template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def create_only(resource_type: str) -> list[str]:
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, resource_type).schema
    return [p.split("/")[2] for p in schema.get("createOnlyProperties", []) if p.count("/") == 2]


def read_only(resource_type: str) -> list[str]:
    schema = PROVIDER_SCHEMA_MANAGER.get_resource_schema(REGION, resource_type).schema
    return [p.split("/")[2] for p in schema.get("readOnlyProperties", []) if p.count("/") == 2]


class Resolver:
    def __init__(self, template: dict, parameters: dict):
        self.template = template
        self.values = {}
        for name, spec in template.get("Parameters", {}).items():
            self.values[name] = str(parameters.get(name, spec.get("Default", "")))
        self.parameters = set(template.get("Parameters", {}))
        self.values.update(PSEUDO)
        self.reads = set()

    def condition(self, name: str) -> bool:
        return bool(self.evaluate(self.template["Conditions"][name]))

    def evaluate(self, node):
        if isinstance(node, list):
            return [self.evaluate(n) for n in node]
        if not isinstance(node, dict):
            return node
        if len(node) != 1:
            return {k: self.evaluate(v) for k, v in node.items()}
        (key, arg), = node.items()
        if key == "Ref":
            if arg in self.parameters:
                self.reads.add(arg)
            if arg in self.values:
                return self.values[arg]
            return self.renewed(arg, "Ref")
        if key == "Condition":
            return self.condition(arg)
        if key == "Fn::Equals":
            a, b = self.evaluate(arg)
            return str(a) == str(b)
        if key == "Fn::Not":
            return not self.evaluate(arg[0])
        if key == "Fn::And":
            return all(self.evaluate(a) for a in arg)
        if key == "Fn::Or":
            return any(self.evaluate(a) for a in arg)
        if key == "Fn::If":
            return self.evaluate(arg[1] if self.condition(arg[0]) else arg[2])
        if key == "Fn::Join":
            return arg[0].join(str(self.evaluate(p)) for p in self.evaluate(arg[1]))
        if key == "Fn::Split":
            return str(self.evaluate(arg[1])).split(arg[0])
        if key == "Fn::Select":
            return self.evaluate(arg[1])[int(self.evaluate(arg[0]))]
        if key == "Fn::GetAtt":
            target, attribute = arg if isinstance(arg, list) else arg.split(".", 1)
            return self.attribute(target, attribute)
        if key == "Fn::Sub":
            text, local = (arg[0], self.evaluate(arg[1])) if isinstance(arg, list) else (arg, {})
            return self.substitute(text, local)
        return {key: self.evaluate(arg)}

    def substitute(self, text: str, local: dict) -> str:
        out, i = [], 0
        while i < len(text):
            start = text.find("${", i)
            if start < 0:
                out.append(text[i:])
                break
            out.append(text[i:start])
            end = text.index("}", start)
            name = text[start + 2:end]
            if name.startswith("!"):
                out.append("${" + name[1:] + "}")
            elif name in local:
                out.append(str(local[name]))
            elif "." in name:
                out.append(str(self.attribute(*name.split(".", 1))))
            else:
                out.append(str(self.evaluate({"Ref": name})))
            i = end + 1
        return "".join(out)

    def attribute(self, target: str, attribute: str):
        resource = self.template["Resources"].get(target)
        if resource is None or attribute not in read_only(resource["Type"]) + ["Arn"]:
            return f"<{target}.{attribute}>"
        return self.renewed(target, attribute)

    def renewed(self, target: str, attribute: str):
        """A physical id or read-only attribute, which a replacement renews: it follows the create-only properties."""
        resource = self.template["Resources"].get(target)
        if resource is None:
            return f"<{target}.{attribute}>"
        properties = resource.get("Properties", {})
        return {f"<{target}.{attribute} of>": {p: self.evaluate(properties[p])
                                               for p in create_only(resource["Type"]) if p in properties}}


def main(argv: list[str]) -> int:
    template_path, sets_path = Path(argv[0]), Path(argv[1])
    root = Path(__file__).resolve().parents[5]  # tools/template-checks/src/test/python/ -> repository root
    expander = load_expander(root)
    template = expander.load(template_path)
    parameter_sets = json.loads(sets_path.read_text())
    result = {}
    for set_name, parameters in parameter_sets.items():
        transform = Transform(str(template_path), copy.deepcopy(template), REGION)
        # CloudFormation hands the hosted transform the stack's parameter values.
        transform._parameters.update({k: str(v) for k, v in parameters.items()})
        errors = transform.transform_template()
        if errors:
            raise SystemExit(f"{set_name}: SAM transform failed: " + "; ".join(str(e) for e in errors))
        expanded = expander.plain(transform.template())
        resolver = Resolver(expanded, parameters)
        versions = {}
        reaching = {}
        for logical_id, resource in expanded["Resources"].items():
            if resource["Type"] == "AWS::Lambda::Function":
                resolver.reads = set()
                resolver.evaluate(resource["Properties"].get("Environment", {}))
                reaching[logical_id] = sorted(resolver.reads)
        for logical_id, resource in expanded["Resources"].items():
            if resource["Type"] != "AWS::Lambda::Version":
                continue
            properties = resource.get("Properties", {})
            function = properties["FunctionName"]["Ref"]
            versions[function] = {
                "logicalId": logical_id,
                "environmentParameters": reaching[function],
                "replacementKey": {p: resolver.evaluate(properties[p])
                                   for p in create_only("AWS::Lambda::Version") if p in properties},
            }
        result[set_name] = versions
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
