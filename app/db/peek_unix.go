//go:build unix

package db

import (
	"errors"
	"net"
	"syscall"
)

// peerClosed peeks at an idle connection without waiting and without
// consuming anything: data waiting (the server's FATAL message), EOF or an
// error mean the server has ended the connection. Nothing waiting (EAGAIN)
// means it is alive.
func peerClosed(nc net.Conn) bool {
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	var n int
	var rerr error
	buf := make([]byte, 1)
	err = raw.Read(func(fd uintptr) bool {
		n, _, rerr = syscall.Recvfrom(int(fd), buf, syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		return true // never wait for readiness
	})
	if err != nil {
		return true
	}
	if errors.Is(rerr, syscall.EAGAIN) || errors.Is(rerr, syscall.EWOULDBLOCK) {
		return false
	}
	return rerr != nil || n >= 0
}
