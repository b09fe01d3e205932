import { test } from 'node:test';
import assert from 'node:assert/strict';
import { embeddedIPv4, isPublicAddress } from './address-guard.ts';

test('private, loopback, link-local, CGNAT, multicast, unspecified and metadata addresses are refused', () => {
  for (const ip of [
    '127.0.0.1', '127.255.0.9', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '169.254.0.1', '100.64.0.1', '100.127.255.254', '224.0.0.1', '239.1.1.1', '0.0.0.0', '255.255.255.255',
    '::', '::1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '64:ff9b::a00:1', '2002:c0a8:101::1',
  ]) assert.equal(isPublicAddress(ip), false, ip);
});

test('public unicast addresses are allowed', () => {
  for (const ip of ['93.184.216.34', '1.1.1.1', '172.32.0.1', '100.128.0.1', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34', '2a00:1450:4007:80c::200e'])
    assert.equal(isPublicAddress(ip), true, ip);
});

test('host names and garbage are never "public addresses"', () => {
  for (const s of ['localhost', 'example.com', '', '1.2.3', '::g']) assert.equal(isPublicAddress(s), false, s);
});

test('the IPv4 address inside mapped, NAT64 and 6to4 IPv6 addresses is found', () => {
  assert.equal(embeddedIPv4('::ffff:7f00:1'), '127.0.0.1');
  assert.equal(embeddedIPv4('::ffff:192.168.0.1'), '192.168.0.1');
  assert.equal(embeddedIPv4('64:ff9b::808:808'), '8.8.8.8');
  assert.equal(embeddedIPv4('2002:0a00:0001::'), '10.0.0.1');
  assert.equal(embeddedIPv4('2606:4700::1'), undefined);
});
