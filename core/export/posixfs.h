#pragma once

#include <QByteArray>
#include <QString>

#include <sys/types.h>

// Thin wrappers over the POSIX calls the sinks need and Qt does not offer:
// O_EXCL|O_NOFOLLOW creation relative to a directory descriptor, fsync of a
// directory, rename that refuses to replace. Each returns 0 or an errno value
// so the caller can build an ExportResult with the file name in it.
namespace PosixFs {

// Retries on EINTR and short writes; 0 or errno.
[[nodiscard]] int writeAll(int fd, const char *data, qsizetype size);
// open()/openat() retried on EINTR; the descriptor or -errno.
[[nodiscard]] int openAt(int dirFd, const QByteArray &name, int flags, mode_t mode = 0600);
// Opens a directory for fsync and *at() calls; follows a symlink only for
// the directory the user named, never for files created inside it.
[[nodiscard]] int openDirectory(const QString &path);
// fsync() retried on EINTR; 0 or errno.
[[nodiscard]] int syncFd(int fd);
// syncfs(): writes back everything dirty on the file system that holds fd,
// in one go. For a batch of new files it is far cheaper than an fsync each
// (the disk sees one stream of writes and one flush instead of one per
// file). Since Linux 5.8 it reports write-back errors like fsync does.
// 0 or errno.
[[nodiscard]] int syncFileSystem(int fd);
// Whether path (or, while it does not exist yet, its directory) lives on the
// file system that holds fd: then syncFileSystem(fd) makes it durable too.
// False when either cannot be examined, and across btrfs subvolumes or
// overlay layers, whose device numbers differ (the caller then syncs on its own).
[[nodiscard]] bool onFileSystemOf(int fd, const QString &path);
// Asks the kernel to start writing fd's dirty pages now, without waiting
// (sync_file_range WRITE). Only a hint that lets the disk work while the
// network does; durability still needs syncFd() or syncFileSystem().
void startWriteback(int fd);
// Renames within or across directories without replacing an existing name:
// renameat2(RENAME_NOREPLACE), or link()+unlink() where the file system does
// not support that flag. 0, EEXIST when the target exists, or another errno.
[[nodiscard]] int renameNoReplace(int fromDir, const QByteArray &from, int toDir,
                                  const QByteArray &to);
// mkdir -p with mode 0700 for what it creates; 0 or errno.
[[nodiscard]] int makePath(const QString &path);
void closeFd(int &fd);
// How many syncFd() and syncFileSystem() calls this process has made: what a
// group commit costs, for tests and the benchmark's reasoning.
[[nodiscard]] int syncCalls();

} // namespace PosixFs
