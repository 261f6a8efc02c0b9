import { randomUUID } from 'node:crypto';
import { z, type ZodType } from 'zod';
import {
  pmsErrorCodes, reservationSchema, roomKeyGrantSchema, roomSchema, type HotelPms, type PmsError, type Reservation,
  type ReservationQuery, type Room, type RoomKeyGrant, type RoomKeyRequest,
} from './hotel-pms.ts';
import { requestJson, type FetchLike } from './json-http.ts';
import { err, ok, type Result } from '../../drivers/result.ts';

/**
 * HTTP adapter for HotelPms on OHIP paths and headers (docs/hotel.md §1: `rsv/v1` reservations,
 * `fof/v1` roomAssignments / checkIns / roomKeys; x-app-key, x-hotelid, x-request-id, x-externalsystem).
 * Bodies are Passage's reduced form of OHIP's; a site gateway (or a later mapping here) bridges to a real
 * OPERA Cloud tenant, whose OAuth token flow (`oauth.json`) is not implemented yet.
 */
export interface PmsHttpOptions {
  readonly baseUrl: string;
  readonly hotelId: string;
  readonly timeoutMs: number;
  readonly appKey?: string;
  /** x-externalsystem: the kiosk as OPERA knows it. */
  readonly externalSystem?: string;
  readonly fetch?: FetchLike;
  readonly requestId?: () => string;
}

const problemSchema = z.object({ 'o:errorCode': z.enum(pmsErrorCodes), detail: z.string().optional() });

export class PmsHttp implements HotelPms {
  readonly #o: PmsHttpOptions;

  constructor(options: PmsHttpOptions) {
    this.#o = options;
  }

  searchReservations(query: ReservationQuery): Promise<Result<Reservation[], PmsError>> {
    const params = new URLSearchParams();
    switch (query.by) {
      case 'confirmation':
        params.set('confirmationNumberList', query.confirmationNumber);
        break;
      case 'name':
        params.set('surname', query.surname);
        if (query.givenNames !== undefined) params.set('givenName', query.givenNames);
        if (query.arrivalDate !== undefined) params.set('arrivalStartDate', query.arrivalDate);
        break;
      case 'document':
        params.set('idNumber', query.documentNumber);
        if (query.issuer !== undefined) params.set('idIssuer', query.issuer);
        break;
    }
    return this.#call('GET', `/rsv/v1/hotels/${this.#hotel()}/reservations?${params}`, undefined,
      z.object({ reservations: z.array(reservationSchema) }).transform((b) => b.reservations));
  }

  getReservation(reservationId: string): Promise<Result<Reservation, PmsError>> {
    return this.#call('GET', `/rsv/v1/hotels/${this.#hotel()}/reservations/${encodeURIComponent(reservationId)}`, undefined, reservationSchema);
  }

  availableRooms(reservationId: string): Promise<Result<Room[], PmsError>> {
    return this.#call('GET', this.#fof(reservationId, 'availableRooms'), undefined,
      z.object({ rooms: z.array(roomSchema) }).transform((b) => b.rooms));
  }

  assignRoom(reservationId: string, roomNumber?: string): Promise<Result<Reservation, PmsError>> {
    return this.#call('POST', this.#fof(reservationId, 'roomAssignments'), roomNumber === undefined ? {} : { roomNumber }, reservationSchema);
  }

  checkIn(reservationId: string): Promise<Result<Reservation, PmsError>> {
    return this.#call('POST', this.#fof(reservationId, 'checkIns'), {}, reservationSchema);
  }

  createRoomKeys(reservationId: string, request: RoomKeyRequest): Promise<Result<RoomKeyGrant, PmsError>> {
    return this.#call('POST', this.#fof(reservationId, 'roomKeys'), { noOfKeys: request.noOfKeys, encoderId: request.encoderId }, roomKeyGrantSchema);
  }

  #hotel(): string {
    return encodeURIComponent(this.#o.hotelId);
  }

  #fof(reservationId: string, action: string): string {
    return `/fof/v1/hotels/${this.#hotel()}/reservations/${encodeURIComponent(reservationId)}/${action}`;
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body: unknown, schema: ZodType<T>): Promise<Result<T, PmsError>> {
    const response = await requestJson({
      method,
      url: `${this.#o.baseUrl.replace(/\/$/, '')}${path}`,
      headers: {
        'x-hotelid': this.#o.hotelId,
        'x-request-id': (this.#o.requestId ?? randomUUID)(),
        'x-externalsystem': this.#o.externalSystem ?? 'PASSAGE',
        'x-originating-application': 'Passage kiosk',
        ...(this.#o.appKey ? { 'x-app-key': this.#o.appKey } : {}),
      },
      body,
      timeoutMs: this.#o.timeoutMs,
      ...(this.#o.fetch ? { fetch: this.#o.fetch } : {}),
    });
    if (!response.ok) return err({ code: response.error.code, message: response.error.message });
    const { status, body: answer } = response.value;
    if (status >= 200 && status < 300) {
      const parsed = schema.safeParse(answer);
      if (parsed.success) return ok(parsed.data);
      return err({ code: 'protocol', message: `unexpected answer to ${method} ${path.split('?')[0]}: ${parsed.error.issues[0]?.message ?? ''}` });
    }
    const p = problemSchema.safeParse(answer);
    if (p.success && status < 500) return err({ code: p.data['o:errorCode'], message: p.data.detail ?? p.data['o:errorCode'] });
    if (status >= 500) return err({ code: 'server-error', message: `HTTP ${status}` });
    if (status === 404) return err({ code: 'not-found', message: `HTTP 404 for ${path.split('?')[0]}` });
    return err({ code: 'protocol', message: `HTTP ${status} without an OHIP error body` });
  }
}
