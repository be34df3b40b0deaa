package pg

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"
)

// textUUIDCodec is pgx's uuid codec preferring the text format. The
// engine passes uuids as Go strings, which pgx can only send as text: with
// the binary format preferred, every uuid argument first failed to find a
// binary plan (building an error) and was then sent as text, which cost
// the orchestrator about a tenth of its CPU. Preferring text sends them at
// once, and reads uuid columns as text, which is what a string wants.
type textUUIDCodec struct{ pgtype.UUIDCodec }

func (textUUIDCodec) PreferredFormat() int16 { return pgtype.TextFormatCode }

// textArrayCodec is an array codec preferring the text format, for arrays
// of uuids passed as []string.
type textArrayCodec struct{ *pgtype.ArrayCodec }

func (textArrayCodec) PreferredFormat() int16 { return pgtype.TextFormatCode }

// registerTextUUIDs makes uuid and uuid[] prefer the text format on conn.
func registerTextUUIDs(conn *pgx.Conn) {
	m := conn.TypeMap()
	uuid := &pgtype.Type{Name: "uuid", OID: pgtype.UUIDOID, Codec: textUUIDCodec{}}
	m.RegisterType(uuid)
	m.RegisterType(&pgtype.Type{
		Name: "_uuid", OID: pgtype.UUIDArrayOID,
		Codec: textArrayCodec{&pgtype.ArrayCodec{ElementType: uuid}},
	})
}

// textUUIDs runs registerTextUUIDs on every new connection of cfg, before
// the AfterConnect cfg already had, if any.
func textUUIDs(cfg *pgxpool.Config) {
	next := cfg.AfterConnect
	cfg.AfterConnect = func(ctx context.Context, conn *pgx.Conn) error {
		registerTextUUIDs(conn)
		if next != nil {
			return next(ctx, conn)
		}
		return nil
	}
}
