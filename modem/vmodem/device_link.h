// The stable device name a driver opens (what a udev rule would create for a
// USB modem): a symlink to the current pty slave.
#ifndef TELLAL_MODEM_VMODEM_DEVICE_LINK_H_
#define TELLAL_MODEM_VMODEM_DEVICE_LINK_H_

#include <string>

#include "modem/result.h"

namespace tellal::vmodem {

// Makes `link` point at `target`, replacing an existing link atomically
// (a temporary link renamed over it), so an opener never sees it missing.
Status PointLink(const std::string& link, const std::string& target);

// Removes `link` if it is a symlink; anything else at that path is left alone.
void RemoveLink(const std::string& link);

}  // namespace tellal::vmodem

#endif  // TELLAL_MODEM_VMODEM_DEVICE_LINK_H_
