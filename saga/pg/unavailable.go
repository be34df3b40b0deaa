package pg

import (
	"errors"
	"io"
	"net"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/streamsaga/streamsaga/saga"
)

// IsUnavailable reports whether err means the database cannot be reached
// right now rather than that the statement is wrong: a failed connect, a
// dropped connection, the server shutting down or refusing connections.
func IsUnavailable(err error) bool {
	if err == nil || saga.IsPermanent(err) {
		return false
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &connectErr), errors.As(err, &netErr):
		return true
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, net.ErrClosed):
		return true
	case errors.As(err, &pgErr):
		return unavailableCode(pgErr.Code)
	}
	return pgconn.SafeToRetry(err) || strings.Contains(err.Error(), "conn closed")
}

// unavailableCode: connection exceptions (class 08), admin or crash
// shutdown, cannot connect now (57P01-57P03), and a database that does not
// accept connections (55000 from ALLOW_CONNECTIONS false).
func unavailableCode(code string) bool {
	switch {
	case strings.HasPrefix(code, "08"):
		return true
	case code == "57P01", code == "57P02", code == "57P03", code == "55000":
		return true
	}
	return false
}

// classify marks unavailable errors as such for the transports.
func classify(err error) error {
	if IsUnavailable(err) && !saga.IsUnavailable(err) {
		return saga.Unavailable(err)
	}
	return err
}
