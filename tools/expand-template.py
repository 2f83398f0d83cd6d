#!/usr/bin/env python3
"""Expands template.yaml (AWS::Serverless transform) into a plain CloudFormation JSON template.

Three uses:
  --decoded-out FILE   template.yaml itself as JSON (short tags like !Ref become {"Ref": ...}),
                       read by the template checks.
  --out FILE           the SAM-expanded template. cfn-lint skips IAM action checks (W3037) under the
                       transform, so the checks lint this file too.
  --stackset           makes --out a packaged, transform-free template for CloudFormation StackSets
                       (service-managed StackSets reject the AWS::Serverless transform). Each function's
                       zip (the one its Makefile target builds, see makefile_zip) is copied,
                       content-addressed, into --package-dir for upload, and the
                       code location becomes S3 bucket "<CodeBucketPrefix>-<region>" (a stack parameter,
                       one bucket per region because Lambda reads code from its own region) or the
                       fixed --s3-bucket.

The expansion uses cfn-lint's SAM transform wrapper (cfnlint.template.transforms._sam, private,
pinned by requirements-dev.txt), which translates offline with a bundled managed-policy map.
"""
from __future__ import annotations

import argparse
import copy
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

from cfnlint.decode import decode
from cfnlint.template.transforms._sam import Transform

SAM_FUNCTION = "AWS::Serverless::Function"
BUCKET_PREFIX_PARAMETER = "CodeBucketPrefix"
REGIONAL_BUCKET_MARK = "shipgate-regional-code-bucket-placeholder"
REGIONAL_BUCKET = {"Fn::Sub": "${" + BUCKET_PREFIX_PARAMETER + "}-${AWS::Region}"}


def plain(node):
    """cfn-lint's decoder returns str/dict subclasses carrying line marks; JSON wants plain values."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, bool) or node is None or isinstance(node, (int, float)):
        return node
    return str(node)


def load(path: Path) -> dict:
    template, matches = decode(str(path))
    if matches:
        raise SystemExit(f"{path}: cannot parse: " + "; ".join(str(m) for m in matches))
    return plain(template)


def expand(template: dict, filename: str, region: str) -> dict:
    transform = Transform(filename, copy.deepcopy(template), region)
    errors = transform.transform_template()
    if errors:
        raise SystemExit(f"{filename}: SAM transform failed: " + "; ".join(str(e) for e in errors))
    return plain(transform.template())


MAKE_MODULE_LINE = re.compile(r"^build-(\w+): MODULE := ([a-z0-9-]+)\s*$", re.MULTILINE)


def makefile_zip(root: Path, logical_id: str, resource: dict) -> Path:
    """The zip `./mvnw package` builds for a function that `sam build` builds through the root Makefile."""
    if resource.get("Metadata", {}).get("BuildMethod") != "makefile":
        raise SystemExit(f"{logical_id}: expected Metadata BuildMethod makefile (sam build runs the root Makefile)")
    makefile = root / "Makefile"
    modules = dict(MAKE_MODULE_LINE.findall(makefile.read_text())) if makefile.is_file() else {}
    if logical_id not in modules:
        raise SystemExit(f"{logical_id}: the Makefile has no 'build-{logical_id}: MODULE := <module>' target")
    return root / "functions" / modules[logical_id] / "target" / "function.zip"


def package_code(template: dict, root: Path, package_dir: Path | None, s3_bucket: str | None) -> list[str]:
    """Points every function at a content-addressed S3 key; returns the upload lines."""
    if s3_bucket:
        bucket = s3_bucket
    else:
        template.setdefault("Parameters", {})[BUCKET_PREFIX_PARAMETER] = {
            "Type": "String",
            "Description": "Prefix of the per-region buckets holding the function zips: code is read from "
                           "<prefix>-<region> in every region the stack set deploys to.",
            "AllowedPattern": "^[a-z0-9][a-z0-9.-]{1,40}[a-z0-9]$",
            "ConstraintDescription": "3-42 lowercase letters, digits, dots or hyphens.",
        }
        interface = template.get("Metadata", {}).get("AWS::CloudFormation::Interface")
        if interface is not None:
            interface.setdefault("ParameterGroups", []).append(
                {"Label": {"default": "StackSet packaging"}, "Parameters": [BUCKET_PREFIX_PARAMETER]})
            interface.setdefault("ParameterLabels", {})[BUCKET_PREFIX_PARAMETER] = {"default": "Code bucket prefix"}
        # The translator would resolve ${AWS::Region} to its own region: put the intrinsic back afterwards.
        bucket = REGIONAL_BUCKET_MARK

    uploads = []
    for logical_id, resource in template.get("Resources", {}).items():
        if resource.get("Type") != SAM_FUNCTION:
            continue
        props = resource.setdefault("Properties", {})
        zip_path = makefile_zip(root, logical_id, resource)
        if not zip_path.is_file():
            raise SystemExit(f"{logical_id}: {zip_path} does not exist; run ./mvnw package first")
        digest = hashlib.sha256(zip_path.read_bytes()).hexdigest()
        key = f"shipgate/{digest}/{zip_path.parent.parent.name}.zip"
        # A literal key that changes with the code also changes the published SnapStart version.
        props["CodeUri"] = {"Bucket": bucket, "Key": key}
        props["AutoPublishCodeSha256"] = digest
        if package_dir is not None:
            target = package_dir / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(zip_path, target)
        uploads.append(key)
    return uploads


def restore_regional_bucket(expanded: dict) -> None:
    for logical_id, resource in expanded.get("Resources", {}).items():
        code = resource.get("Properties", {}).get("Code")
        if resource.get("Type") == "AWS::Lambda::Function" and isinstance(code, dict):
            if code.get("S3Bucket") != REGIONAL_BUCKET_MARK:
                raise SystemExit(f"{logical_id}: unexpected code bucket {code.get('S3Bucket')!r}")
            code["S3Bucket"] = copy.deepcopy(REGIONAL_BUCKET)
    if REGIONAL_BUCKET_MARK in json.dumps(expanded):
        raise SystemExit("the code bucket placeholder survived the expansion")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--template", default="template.yaml", type=Path)
    parser.add_argument("--root", type=Path, help="repository root: the Makefile and functions/ (default: the template's directory)")
    parser.add_argument("--region", default="us-east-1", help="region the SAM translator expands for")
    parser.add_argument("--out", type=Path, help="write the expanded template here")
    parser.add_argument("--decoded-out", type=Path, help="write template.yaml, decoded to JSON, here")
    parser.add_argument("--stackset", action="store_true", help="package the function code for StackSets")
    parser.add_argument("--s3-bucket", help="with --stackset: one fixed code bucket instead of <prefix>-<region>")
    parser.add_argument("--package-dir", type=Path,
                        help="with --stackset: copy the zips here under their S3 keys (default: next to --out)")
    args = parser.parse_args(argv)
    if not args.out and not args.decoded_out:
        parser.error("give --out and/or --decoded-out")

    template = load(args.template)
    root = (args.root or args.template.resolve().parent).resolve()
    if args.decoded_out:
        write(args.decoded_out, template)
    if args.out:
        uploads = []
        if args.stackset:
            package_dir = args.package_dir or args.out.parent / "stackset-code"
            uploads = package_code(template, root, package_dir, args.s3_bucket)
        expanded = expand(template, str(args.template), args.region)
        if args.stackset and not args.s3_bucket:
            restore_regional_bucket(expanded)
        write(args.out, expanded)
        if uploads:
            print(f"wrote {args.out}; upload the code to every target region's bucket, e.g.:")
            source = args.package_dir or args.out.parent / "stackset-code"
            for key in uploads:
                bucket = args.s3_bucket or "<CodeBucketPrefix>-<region>"
                print(f"  aws s3 cp {source / key} s3://{bucket}/{key}")
    return 0


def write(path: Path, template: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(template, indent=2, sort_keys=False) + "\n")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
