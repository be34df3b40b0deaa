package pg

import "github.com/jackc/pgx/v5"

// QueueMap queues sql on b and, when b is sent, puts each row's first
// column as a key and its second as the value into m; rows whose value is
// NULL are left out. It lets a service read several key-value lookups in
// one round trip.
func QueueMap[K comparable, V any](b *pgx.Batch, m map[K]V, sql string, args ...any) {
	b.Queue(sql, args...).Query(func(rows pgx.Rows) error {
		var k K
		var v *V
		_, err := pgx.ForEachRow(rows, []any{&k, &v}, func() error {
			if v != nil {
				m[k] = *v
			}
			return nil
		})
		return err
	})
}
