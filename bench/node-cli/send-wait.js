#!/usr/bin/env node
// The Node.js peer of `./wxrelay send custom --to OPENID --text TEXT --wait`, for bench/cli.sh:
// writes the same wechat.custom.send command as a CloudEvent in the Kafka binding's structured
// mode (the official `cloudevents` SDK; topic, key appid:openid and content-type header as the
// CLI's CommandWriter writes them), then waits for its wechat.result on the results topic.
//
//   node send-wait.js --app APPID --to OPENID --text TEXT [--timeout-ms 60000]
//
// Environment: KAFKA_BOOTSTRAP_SERVERS (default 127.0.0.1:9092), WXRELAY_TOPIC_COMMANDS,
// WXRELAY_TOPIC_RESULTS (default wechat.commands, wechat.results). Prints the command id, then the
// result's status; exit 0 on SUCCEEDED, 1 on another status, 4 when no result came in time.
"use strict";
const crypto = require("node:crypto");
const { CloudEvent, Kafka: CeKafka } = require("cloudevents");
const { Kafka, logLevel } = require("kafkajs");

function args(argv) {
  const out = { timeoutMs: 60000 };
  for (let i = 2; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, "").replace(/-(.)/g, (_, c) => c.toUpperCase());
    out[name] = argv[i + 1];
  }
  if (!out.app || !out.to || !out.text) {
    console.error("usage: node send-wait.js --app APPID --to OPENID --text TEXT [--timeout-ms MS]");
    process.exit(2);
  }
  return out;
}

async function main() {
  const opts = args(process.argv);
  const brokers = (process.env.KAFKA_BOOTSTRAP_SERVERS || "127.0.0.1:9092").split(",");
  const commands = process.env.WXRELAY_TOPIC_COMMANDS || "wechat.commands";
  const results = process.env.WXRELAY_TOPIC_RESULTS || "wechat.results";
  const kafka = new Kafka({ clientId: "wxrelay-bench-node", brokers, logLevel: logLevel.NOTHING });
  const id = "node-" + crypto.randomUUID();
  const event = new CloudEvent({
    specversion: "1.0",
    id,
    source: "/wxrelay/cli",
    type: "wechat.custom.send",
    subject: opts.app,
    datacontenttype: "application/json",
    dataschema: "https://wxrelay.io/schemas/wechat.custom.send.v1.schema.json",
    data: { touser: opts.to, msgtype: "text", text: { content: opts.text } },
  });
  const message = CeKafka.structured(event);
  // As the CLI: key appid:openid, the JSON event format's content type (the SDK's says utf-8).
  message.key = `${opts.app}:${opts.to}`;
  message.headers = { "content-type": "application/cloudevents+json; charset=UTF-8" };

  // The results topic's end, taken before the command is written, so its result is not missed.
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(results);
  await admin.disconnect();

  const consumer = kafka.consumer({
    groupId: `wxrelay-bench-node-${id}`,
    maxWaitTimeInMs: 100,
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await Promise.all([consumer.connect(), producer.connect()]);
  await consumer.subscribe({ topic: results, fromBeginning: false });
  let done;
  const ended = new Promise((resolve) => (done = resolve));
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message: record }) => {
      if (record.key && record.key.toString() === id) {
        const value = JSON.parse(record.value.toString());
        if (value.type === "wechat.result") done(value.data.status);
      }
    },
  });
  for (const end of ends) {
    consumer.seek({ topic: results, partition: end.partition, offset: end.offset });
  }
  await producer.send({ topic: commands, acks: -1, messages: [message] });
  console.log(id);
  const timer = new Promise((resolve) => setTimeout(() => resolve(null), Number(opts.timeoutMs)));
  const status = await Promise.race([ended, timer]);
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  if (status === null) {
    console.error(`no result for ${id} within ${opts.timeoutMs} ms`);
    return 4;
  }
  console.log(status);
  return status === "SUCCEEDED" ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error("error: " + e.message);
    process.exit(3);
  }
);
