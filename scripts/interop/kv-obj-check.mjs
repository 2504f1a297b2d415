// Used by kv-obj-nats-js.sh: reads (or writes) the buckets that ./relay wrote (or reads), with nats.js.
import { connect } from "@nats-io/transport-node";
import { Kvm } from "@nats-io/kv";
import { Objm } from "@nats-io/obj";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const nc = await connect({ servers: process.argv[2] });
const mode = process.argv[3];
const kvm = new Kvm(nc);
const objm = new Objm(nc);
if (mode === "read") {
  const kv = await kvm.open("interop");
  const e = await kv.get("k1");
  console.log("js kv get k1:", e.string(), "rev", e.revision, "op", e.operation);
  const keys = [];
  for await (const k of await kv.keys()) keys.push(k);
  console.log("js kv keys:", keys.sort().join(","));
  const h = [];
  for await (const x of await kv.history({ key: "k2" })) h.push(x.operation + ":" + x.string());
  console.log("js kv history k2:", h.join(" "));
  const st = await kv.status();
  console.log("js kv status history:", st.history, "values:", st.values);
  const os = await objm.open("files");
  const info = await os.info("blob");
  console.log("js obj info:", info.name, info.size, info.chunks, info.digest);
  const data = await os.getBlob("blob");
  const expected = readFileSync(process.argv[4]);
  console.log("js obj blob identical:", Buffer.compare(Buffer.from(data), expected) === 0,
    "sha256:", createHash("sha256").update(data).digest("base64url"));
  const link = await os.get("alias");
  console.log("js obj link followed:", link !== null);
} else {
  const kv = await kvm.open("interop");
  await kv.put("k3", "from-js");
  await kv.delete("k1");
  const os = await objm.open("files");
  await os.putBlob({ name: "from-js.bin", description: "written by nats.js" }, readFileSync(process.argv[4]));
  console.log("js wrote k3, deleted k1, put from-js.bin");
}
await nc.close();
