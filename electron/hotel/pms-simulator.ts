import { createHash } from 'node:crypto';
import type { HotelPms, PmsError, PmsErrorCode, Reservation, ReservationQuery, Room, RoomKeyGrant, RoomKeyRequest } from './hotel-pms.ts';
import { reservationQuerySchema } from './hotel-pms.ts';
import { startJsonServer, type JsonResponse, type JsonServer, type ServerRequest } from './json-http.ts';
import type { PmsSeed } from './pms-seed.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

const dayMs = 86_400_000;

/**
 * An in-memory PMS with OPERA's front-desk rules (see the HotelPms guarantees), seeded from a PmsSeed.
 * It implements the port directly and serves the same behaviour over OHIP-shaped HTTP (`startPmsServer`), so
 * one contract suite covers it and the HTTP adapter.
 */
export class PmsSimulator implements HotelPms {
  readonly hotelId: string;
  readonly #now: () => number;
  readonly #offsetMs: number;
  readonly #checkoutTime: string;
  readonly #utcOffset: string;
  readonly #rooms = new Map<string, Room>();
  readonly #reservations = new Map<string, Reservation>();
  #keySequence = 0;

  constructor(seed: PmsSeed, now: () => number) {
    this.hotelId = seed.hotelId;
    this.#now = now;
    this.#utcOffset = seed.utcOffset;
    const sign = seed.utcOffset.startsWith('-') ? -1 : 1;
    const [h, m] = seed.utcOffset.slice(1).split(':').map(Number) as [number, number];
    this.#offsetMs = sign * (h * 60 + m) * 60_000;
    this.#checkoutTime = seed.checkoutTime;
    for (const room of seed.rooms) this.#rooms.set(room.roomNumber, { ...room });
    const today = this.businessDate();
    for (const r of seed.reservations) {
      const arrival = addDays(today, r.arrivalOffsetDays);
      this.#reservations.set(r.reservationId, {
        reservationId: r.reservationId,
        confirmationNumber: r.confirmationNumber,
        hotelId: seed.hotelId,
        status: r.status,
        arrivalDate: arrival,
        departureDate: addDays(arrival, r.nights),
        roomType: r.roomType,
        roomNumber: r.roomNumber,
        adults: r.adults,
        children: r.children,
        guests: r.guests.map((g) => ({ ...g })),
        deposit: r.deposit,
      });
      if (r.status === 'checked-in' && r.roomNumber) this.#setRoom(r.roomNumber, { occupancy: 'occupied' });
    }
  }

  /** The hotel's date now (local to its UTC offset). */
  businessDate(): string {
    return new Date(this.#now() + this.#offsetMs).toISOString().slice(0, 10);
  }

  /** Counts for the control API; no personal data. */
  stats(): { reservations: number; checkedIn: number; dueIn: number; vacantCleanRooms: number; keysIssued: number } {
    const all = [...this.#reservations.values()];
    return {
      reservations: all.length,
      checkedIn: all.filter((r) => r.status === 'checked-in').length,
      dueIn: all.filter((r) => r.status === 'due-in' && r.arrivalDate === this.businessDate()).length,
      vacantCleanRooms: [...this.#rooms.values()].filter((r) => isReady(r)).length,
      keysIssued: this.#keySequence,
    };
  }

  async searchReservations(query: ReservationQuery): Promise<Result<Reservation[], PmsError>> {
    const parsed = reservationQuerySchema.safeParse(query);
    if (!parsed.success) return fail('invalid-request', parsed.error.issues[0]?.message ?? 'invalid query');
    const q = parsed.data;
    const found = [...this.#reservations.values()].filter((r) => {
      switch (q.by) {
        case 'confirmation':
          return r.confirmationNumber === q.confirmationNumber.trim();
        case 'name':
          return (q.arrivalDate === undefined || r.arrivalDate === q.arrivalDate) && r.guests.some((g) =>
            normaliseName(g.surname) === normaliseName(q.surname)
            && (q.givenNames === undefined || normaliseName(g.givenNames).startsWith(normaliseName(q.givenNames))));
        case 'document':
          return r.guests.some((g) => g.document !== null
            && normaliseNumber(g.document.number) === normaliseNumber(q.documentNumber)
            && (q.issuer === undefined || g.document.issuer === q.issuer));
      }
    });
    return ok(found.sort((a, b) => a.confirmationNumber.localeCompare(b.confirmationNumber)).map(copy));
  }

  async getReservation(reservationId: string): Promise<Result<Reservation, PmsError>> {
    const r = this.#reservations.get(reservationId);
    return r ? ok(copy(r)) : fail('not-found', `no reservation ${reservationId}`);
  }

  async availableRooms(reservationId: string): Promise<Result<Room[], PmsError>> {
    const r = this.#reservations.get(reservationId);
    if (!r) return fail('not-found', `no reservation ${reservationId}`);
    return ok(this.#freeRooms(r).map((room) => ({ ...room })));
  }

  async assignRoom(reservationId: string, roomNumber?: string): Promise<Result<Reservation, PmsError>> {
    const r = this.#reservations.get(reservationId);
    if (!r) return fail('not-found', `no reservation ${reservationId}`);
    const state = this.#notArrivable(r, { allowFuture: true });
    if (state) return err(state);
    let room: Room | undefined;
    if (roomNumber === undefined) {
      room = this.#freeRooms(r)[0];
      if (!room) return fail('room-not-available', `no ${r.roomType} room is ready`);
    } else {
      room = this.#rooms.get(roomNumber);
      if (!room) return fail('not-found', `no room ${roomNumber}`);
      if (room.roomType !== r.roomType) return fail('room-type-mismatch', `room ${roomNumber} is a ${room.roomType}, the booking is for a ${r.roomType}`);
      if (room.roomNumber !== r.roomNumber && !this.#freeRooms(r).some((f) => f.roomNumber === roomNumber)) {
        return fail('room-not-available', `room ${roomNumber} is not available`);
      }
    }
    const updated = { ...r, roomNumber: room.roomNumber };
    this.#reservations.set(r.reservationId, updated);
    return ok(copy(updated));
  }

  async checkIn(reservationId: string): Promise<Result<Reservation, PmsError>> {
    const r = this.#reservations.get(reservationId);
    if (!r) return fail('not-found', `no reservation ${reservationId}`);
    const state = this.#notArrivable(r, { allowFuture: false });
    if (state) return err(state);
    if (r.roomNumber === null) return fail('no-room-assigned', 'assign a room before checking in');
    const room = this.#rooms.get(r.roomNumber);
    if (!room || !isReady(room)) return fail('room-not-available', `room ${r.roomNumber} is not vacant and clean`);
    this.#setRoom(room.roomNumber, { occupancy: 'occupied' });
    const updated: Reservation = { ...r, status: 'checked-in' };
    this.#reservations.set(r.reservationId, updated);
    return ok(copy(updated));
  }

  async createRoomKeys(reservationId: string, request: RoomKeyRequest): Promise<Result<RoomKeyGrant, PmsError>> {
    const r = this.#reservations.get(reservationId);
    if (!r) return fail('not-found', `no reservation ${reservationId}`);
    if (!Number.isInteger(request.noOfKeys) || request.noOfKeys < 1 || request.noOfKeys > 4) {
      return fail('invalid-request', 'noOfKeys must be 1 to 4');
    }
    if (!request.encoderId) return fail('invalid-request', 'encoderId is required');
    if (r.status !== 'checked-in' || r.roomNumber === null) return fail('not-checked-in', 'keys are issued after check-in');
    this.#keySequence++;
    const keyData = createHash('sha256').update(`${this.hotelId}|${r.reservationId}|${r.roomNumber}|${this.#keySequence}`).digest('hex').slice(0, 32).toUpperCase();
    return ok({
      reservationId: r.reservationId,
      roomNumber: r.roomNumber,
      noOfKeys: request.noOfKeys,
      encoderId: request.encoderId,
      keyValidityStart: new Date(this.#now()).toISOString(),
      keyValidityEnd: `${r.departureDate}T${this.#checkoutTime}:00${this.#utcOffset}`,
      keyData,
    });
  }

  /** OHIP-shaped routes (docs/hotel.md §1); bodies are Passage's reduced form of OHIP's. */
  async handle(request: ServerRequest): Promise<JsonResponse> {
    const h = encodeURIComponent(this.hotelId);
    if (request.headers['x-hotelid'] !== undefined && request.headers['x-hotelid'] !== this.hotelId) {
      return problem({ code: 'invalid-request', message: 'x-hotelid does not match' });
    }
    const path = request.path;
    if (request.method === 'GET' && path === `/rsv/v1/hotels/${h}/reservations`) {
      const result = await this.searchReservations(queryFromParams(request.query));
      return result.ok ? { status: 200, body: { reservations: result.value, totalResults: result.value.length } } : problem(result.error);
    }
    const m = /^\/(rsv|fof)\/v1\/hotels\/([^/]+)\/reservations\/([^/]+)(?:\/([A-Za-z]+))?$/.exec(path);
    if (!m || m[2] !== h) return { status: 404, body: { title: 'Not Found', status: 404 } };
    const id = decodeURIComponent(m[3]!);
    const route = `${request.method} ${m[1]} ${m[4] ?? ''}`;
    const body = (request.body ?? {}) as Record<string, unknown>;
    let result: Result<unknown, PmsError>;
    switch (route) {
      case 'GET rsv ':
        result = await this.getReservation(id);
        break;
      case 'GET fof availableRooms':
        result = await this.availableRooms(id);
        if (result.ok) result = ok({ rooms: result.value });
        break;
      case 'POST fof roomAssignments':
        result = await this.assignRoom(id, typeof body['roomNumber'] === 'string' ? body['roomNumber'] : undefined);
        break;
      case 'POST fof checkIns':
        result = await this.checkIn(id);
        break;
      case 'POST fof roomKeys':
        result = await this.createRoomKeys(id, { noOfKeys: Number(body['noOfKeys']), encoderId: String(body['encoderId'] ?? '') });
        break;
      default:
        return { status: 404, body: { title: 'Not Found', status: 404 } };
    }
    return result.ok ? { status: 200, body: result.value } : problem(result.error);
  }

  #notArrivable(r: Reservation, options: { allowFuture: boolean }): PmsError | null {
    if (r.status === 'cancelled') return { code: 'cancelled', message: 'the reservation is cancelled' };
    if (r.status === 'checked-in') return { code: 'already-checked-in', message: 'the guest is already in house' };
    if (r.status === 'checked-out') return { code: 'not-due-in', message: 'the stay has ended' };
    const today = this.businessDate();
    if (r.arrivalDate < today || (!options.allowFuture && r.arrivalDate !== today)) {
      return { code: 'not-due-in', message: `arrival is ${r.arrivalDate}, today is ${today}` };
    }
    return null;
  }

  /** Ready rooms of the booked type that no other open reservation holds, lowest number first. */
  #freeRooms(r: Reservation): Room[] {
    const promised = new Set(
      [...this.#reservations.values()]
        .filter((o) => o.reservationId !== r.reservationId && o.roomNumber !== null && (o.status === 'due-in' || o.status === 'checked-in'))
        .map((o) => o.roomNumber),
    );
    return [...this.#rooms.values()]
      .filter((room) => room.roomType === r.roomType && isReady(room) && !promised.has(room.roomNumber))
      .sort((a, b) => a.roomNumber.localeCompare(b.roomNumber));
  }

  #setRoom(roomNumber: string, change: Partial<Room>): void {
    const room = this.#rooms.get(roomNumber);
    if (room) this.#rooms.set(roomNumber, { ...room, ...change });
  }
}

/** Serves the simulator on loopback so the HTTP adapter runs in simulated mode too. */
export function startPmsServer(simulator: PmsSimulator, port = 0): Promise<JsonServer> {
  return startJsonServer((request) => simulator.handle(request), port);
}

/** OHIP error body with the PMS error code under `o:errorCode`. */
function problem(error: PmsError): JsonResponse {
  const status = statusFor[error.code];
  return { status, body: { type: 'about:blank', title: error.code, status, detail: error.message, 'o:errorCode': error.code } };
}

const statusFor: Record<PmsErrorCode, number> = {
  'not-found': 404,
  'not-due-in': 409,
  'already-checked-in': 409,
  cancelled: 409,
  'no-room-assigned': 409,
  'room-not-available': 409,
  'room-type-mismatch': 409,
  'not-checked-in': 409,
  'invalid-request': 400,
  unreachable: 503,
  timeout: 504,
  'server-error': 500,
  protocol: 502,
};

/** Query string → ReservationQuery, mirroring OHIP getReservations parameter names. */
function queryFromParams(params: URLSearchParams): ReservationQuery {
  const confirmation = params.get('confirmationNumberList');
  if (confirmation !== null) return { by: 'confirmation', confirmationNumber: confirmation };
  const idNumber = params.get('idNumber');
  if (idNumber !== null) {
    const issuer = params.get('idIssuer');
    return { by: 'document', documentNumber: idNumber, ...(issuer ? { issuer } : {}) };
  }
  const givenName = params.get('givenName');
  const arrival = params.get('arrivalStartDate');
  return { by: 'name', surname: params.get('surname') ?? '', ...(givenName ? { givenNames: givenName } : {}), ...(arrival ? { arrivalDate: arrival } : {}) };
}

function fail(code: PmsErrorCode, message: string): { ok: false; error: PmsError } {
  return err({ code, message });
}

function isReady(room: Room): boolean {
  return room.occupancy === 'vacant' && (room.housekeeping === 'clean' || room.housekeeping === 'inspected');
}

function normaliseName(s: string): string {
  return s.toUpperCase().replace(/[\s<'’.-]+/g, '');
}

function normaliseNumber(s: string): string {
  return s.toUpperCase().replace(/[\s<-]+/g, '');
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

function copy(r: Reservation): Reservation {
  return structuredClone(r);
}
